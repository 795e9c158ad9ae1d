/** Bundles the Teams tab (tab/app) into dist/tab, which the server serves at /tab/. */
import { build, formatMessages } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'tab', 'app');
const outdir = path.join(root, 'dist', 'tab');
const PAGES = ['index.html', 'config.html'];

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const result = await build({
    entryPoints: [path.join(source, 'main.tsx')],
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    target: 'es2020',
    platform: 'browser',
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    console.warn((await formatMessages(result.warnings, { kind: 'warning', color: false })).join('\n'));
  }

  const pages = PAGES.filter((page) => existsSync(path.join(source, page)));
  for (const page of pages) copyFileSync(path.join(source, page), path.join(outdir, page));

  const kib = Math.round(statSync(path.join(outdir, 'main.js')).size / 1024);
  console.log(`tab built: dist/tab/main.js ${kib} KiB + ${pages.join(', ')} in ${Date.now() - started} ms`);
}

main().catch(async (error: unknown) => {
  const errors = (error as { errors?: Parameters<typeof formatMessages>[0] }).errors;
  if (errors?.length) console.error((await formatMessages(errors, { kind: 'error', color: false })).join('\n'));
  else console.error(error);
  process.exitCode = 1;
});
