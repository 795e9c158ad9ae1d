import fs from 'node:fs';
import path from 'node:path';

export interface Row {
  section: string;
  measure: string;
  value: number | string;
  unit: string;
  baseline?: number | string;
  ratio?: number;
  budget?: string;
  ok?: boolean;
}

/** Collects results, prints them as a table and writes bench/results/latest.json. */
export class Report {
  readonly rows: Row[] = [];

  add(row: Row): void {
    this.rows.push(row);
    const verdict = row.ok === undefined ? '' : row.ok ? '  ok' : '  MISSED';
    const ratio = row.ratio === undefined ? '' : `  ratio ${row.ratio}`;
    const base = row.baseline === undefined ? '' : `  (baseline ${row.baseline} ${row.unit})`;
    console.log(`[${row.section}] ${row.measure}: ${row.value} ${row.unit}${base}${ratio}${row.budget ? `  budget ${row.budget}` : ''}${verdict}`);
  }

  print(): void {
    const header = ['section', 'measure', 'value', 'unit', 'baseline', 'ratio', 'budget', 'verdict'];
    const lines = this.rows.map((r) => [r.section, r.measure, String(r.value), r.unit, r.baseline === undefined ? '' : String(r.baseline), r.ratio === undefined ? '' : String(r.ratio), r.budget ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED']);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
    console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    for (const line of lines) console.log(format(line));
  }

  write(file = path.join(__dirname, '..', 'results', 'latest.json')): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: this.rows }, null, 2)}\n`);
    return file;
  }

  missed(): Row[] {
    return this.rows.filter((row) => row.ok === false);
  }
}
