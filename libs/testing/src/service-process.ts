import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';
import { TEST_AUTH_SECRET } from './auth-tokens';
import { repoRoot } from './infra/repo-root';

export interface ServiceProcess {
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** The built entry point, the same command containers and operators use. */
export function serviceEntry(service: string): string {
  const entry = join(repoRoot(), 'dist', 'services', service, 'src', 'main.js');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  return entry;
}

/** Spawns a built service with the given environment (PATH and HOME are inherited). */
export function spawnService(service: string, env: Record<string, string>): ServiceProcess {
  const child: ChildProcess = spawn(process.execPath, [serviceEntry(service)], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_AUTH_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    url: `http://127.0.0.1:${env['PORT']}`,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Spawns a service and waits until /health/ready answers 200. */
export async function startService(
  service: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const proc = spawnService(service, env);
  let exitedEarly = false;
  void proc.exited.then(() => (exitedEarly = true));
  await expectEventually(
    async () => {
      if (exitedEarly)
        throw new Error(`${service} exited before it was ready:\n${proc.output().slice(-3000)}`);
      const response = await fetch(`${proc.url}/health/ready`);
      if (response.status !== 200) throw new Error(`${service} not ready: ${response.status}`);
    },
    { timeoutMs, intervalMs: 250 },
  ).catch(async (error) => {
    await proc.stop('SIGKILL');
    throw error;
  });
  return proc;
}

let nextPort = 40000 + (process.pid % 1000) * 10;

/** A port for one service process in this worker (workers differ by pid). */
export function allocatePort(): number {
  nextPort += 1;
  return nextPort;
}
