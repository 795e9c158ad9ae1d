import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** What it printed on stderr only. */
  errors(): string;
  /** The base URL of the bot endpoint it announces once it listens. */
  botEndpointBase(timeoutMs?: number): Promise<string>;
  /** Its exit code, once it has exited. */
  exited(): Promise<number | null>;
}

/** The server as a process of its own (sources under tsx, or the production bundle), its output kept. */
export function spawnServer(args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => {
    output += chunk;
    errors += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ENDPOINT = /Bot endpoint: (\S+)\/api\/messages/;
  return {
    child,
    output: () => output,
    errors: () => errors,
    async botEndpointBase(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ENDPOINT.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return ENDPOINT.exec(output)![1];
    },
    exited: () => exit,
  };
}
