import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** Every module a file imports (static, dynamic or re-exported), resolved to a path from the root for relative ones. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier)) : specifier));
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${file} -> ${target}`));
}

const TEAMS_OR_HTTP = /^(botbuilder|botframework-|@microsoft\/teams|restify|react|@fluentui)/;
const inFolder = (folder: string) => (target: string) => target === folder || target.startsWith(`${folder}/`);

/** The layering the README's Architecture section describes, checked on every import. */
describe('the architecture', () => {
  it('keeps the domain free of Teams, HTTP and the adapters', () => {
    expect(violations('src', (target) => TEAMS_OR_HTTP.test(target) || ['bot', 'tab', 'server'].some((folder) => inFolder(folder)(target)))).to.deep.equal([]);
  });

  it('never lets the Teams adapter and the tab import each other, nor either import the composition root', () => {
    expect(violations('bot', (target) => inFolder('tab')(target) || inFolder('server')(target))).to.deep.equal([]);
    expect(violations('tab', (target) => inFolder('bot')(target) || inFolder('server')(target))).to.deep.equal([]);
  });

  it('finds the imports it checks (a check that sees none would pass on anything)', () => {
    expect(importsOf('server/startApp.ts')).to.include.members(['bot/teamsBot', 'server/http', 'src/store/database']);
    expect(importsOf('tab/api/routes.ts')).to.include('restify');
  });

  it('has no import circle in the store', () => {
    const store = sourceFiles('src/store').map((file) => file.replace(/\.ts$/, ''));
    const edges = new Map(store.map((file) => [file, importsOf(`${file}.ts`).filter((target) => store.includes(target))]));
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (edges.get(from) ?? []).some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    expect(store.filter((file) => reaches(file, file))).to.deep.equal([]);
  });
});
