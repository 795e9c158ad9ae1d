/**
 * Bundles the server (server/main.ts and everything of ours it imports) into dist/server/main.js, so
 * production runs plain node: no TypeScript compiler at start, less memory. Packages stay in
 * node_modules; the card templates and migrations travel beside the bundle.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const outdir = path.join(root, 'dist', 'server');

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(path.join(outdir, 'migrations'), { recursive: true });
  await build({
    // The backup and restore commands too, so that a production machine runs them with plain node
    // (node dist/server/backup.js <file>) without the development dependencies.
    entryPoints: [path.join(root, 'server', 'main.ts'), path.join(root, 'scripts', 'backup.ts'), path.join(root, 'scripts', 'restore.ts')],
    outdir,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const cards = path.join(root, 'bot', 'cards');
  for (const file of readdirSync(cards).filter((f) => f.endsWith('.json'))) copyFileSync(path.join(cards, file), path.join(outdir, file));
  const migrations = path.join(root, 'src', 'store', 'migrations');
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) copyFileSync(path.join(migrations, file), path.join(outdir, 'migrations', file));
  console.log(`server built: dist/server/main.js, backup.js and restore.js in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
