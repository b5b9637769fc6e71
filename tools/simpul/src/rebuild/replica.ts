import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The workspace root (where nx.json is), from the built CLI or from its sources under jest. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The service's built entry point: the same one `npm start`, containers and the tests run. */
export function serviceEntry(service: string): string {
  const entry = join(workspaceRoot(), 'dist', 'services', service, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Replica {
  url: string;
  output(): string;
  exited: Promise<number | string>;
  /** SIGTERM (consumers commit and leave the group), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts the service's own code as a replica: its environment is only what is given here (plus
 * PATH and HOME), so nothing of the caller's deployment leaks in by accident.
 */
export function spawnReplica(service: string, env: Record<string, string>): Replica {
  const child: ChildProcess = spawn(process.execPath, [serviceEntry(service)], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      // The replica's HTTP API is never called with a token: a random secret nobody holds.
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${env['PORT']}`,
    output: () => output,
    exited,
    stop: async (graceMs = 20_000) => {
      if (running()) child.kill('SIGTERM');
      const timer = setTimeout(() => running() && child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Waits until the replica answers GET /health/ready with 200, or fails with its last output. */
export async function waitReady(replica: Replica, service: string, timeoutMs = 90_000) {
  let exitCode: number | string | undefined;
  void replica.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(
        `the ${service} replica exited (${exitCode}) before it was ready: ${lastLines(replica.output())}`,
      );
    try {
      const response = await fetch(`${replica.url}/health/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(
        `the ${service} replica was not ready within ${timeoutMs / 1000} s: ${lastLines(replica.output())}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-5).join('\n') || '(no output)';
}
