import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A port free at this moment, from the kernel. Fixed ports in the ephemeral range (the bench used
 * 4178x) collide with outgoing connections of other processes on a shared machine: the app then
 * fails to start with EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const ROOT = path.join(__dirname, '..', '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'main.js');

/**
 * The node flags `npm run serve` starts the server with (package.json), so it is measured as
 * deployed. A young generation of 8 MiB semi-spaces (16 by default) keeps the process about 12 MiB
 * smaller under the tab API's requests; 4 MiB saved more but cost a third of the /help throughput
 * in GC. --enable-source-maps is left out: it holds ~9 MB for stack traces the unminified bundle
 * already makes readable.
 */
export const PRODUCTION_NODE_FLAGS: string[] = ['--max-semi-space-size=8'];

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first /healthz 200 (or READY line). */
  startMs: number;
  rssMiB(): number;
  stop(): Promise<void>;
}

function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

function handle(child: ChildProcess, url: string, startMs: number): ServerProcess {
  return {
    url,
    child,
    startMs,
    rssMiB: () => rss(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The app as production runs it (the bundle under plain node), on a port, with a store file. */
export async function startAppProcess(options: { port: number; dbPath: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  // A server left over from an interrupted run would answer /healthz in this one's place.
  if (await healthy(url)) throw new Error(`something already answers on ${url}: stop it first`);
  const started = Date.now();
  // BENCH_APP_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load.
  const flags = (process.env.BENCH_APP_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, ...flags, SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), DB_PATH: options.dbPath, MicrosoftAppId: '', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (await healthy(url)) return handle(child, url, Date.now() - started);
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`the app did not start on ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The bare echo bot in its own process, like the app, so both get a core of their own. */
export async function startEchoProcess(port: number): Promise<ServerProcess> {
  const started = Date.now();
  // BENCH_ECHO_NODE_FLAGS profiles the baseline the same way, to compare the two profiles.
  const flags = (process.env.BENCH_ECHO_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, ...flags, '--import', 'tsx', path.join(ROOT, 'bench', 'servers', 'echoServer.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const ready = /READY (\S+)/.exec(output);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', () => reject(new Error('echo bot exited')));
  });
  return handle(child, url, Date.now() - started);
}
