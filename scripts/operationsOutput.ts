/** What the backup and restore commands print. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function printRowCounts(counts: Record<string, number | undefined>): void {
  const entries = Object.entries(counts).filter((entry): entry is [string, number] => entry[1] !== undefined);
  const width = Math.max(...entries.map(([table]) => table.length));
  for (const [table, count] of entries) process.stdout.write(`  ${table.padEnd(width)}  ${String(count).padStart(9)}\n`);
}
