import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
  // SIMPUL_SERVICE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the services a test
  // or bench starts (Node refuses --cpu-prof in NODE_OPTIONS).
  const flags = (process.env['SIMPUL_SERVICE_NODE_FLAGS'] ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, serviceEntry(service)], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_AUTH_SECRET,
      // Tests, benches and fault runs push far more than a client may: no rate limit unless a
      // test sets one (the access suite does).
      RATE_LIMIT_PER_MINUTE: '0',
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

// 100 ports per jest worker (workers differ by pid), all below the kernel's ephemeral range
// (32768 and up on Linux): a port up there can be taken at any moment by the local end of an
// outgoing connection (a Kafka or PostgreSQL client) and the service then fails with EADDRINUSE.
// Ports something already listens on (RabbitMQ's 25672 on this machine) are skipped.
const FIRST_PORT = 20_000;
const WORKER_SLOTS = 120;
let nextPort = FIRST_PORT + (process.pid % WORKER_SLOTS) * 100;

/** Local TCP ports in LISTEN state, from /proc (empty where /proc is not there). */
function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A') ports.add(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** A port for one service process in this worker (workers differ by pid). */
export function allocatePort(): number {
  const taken = listeningPorts();
  do nextPort += 1;
  while (taken.has(nextPort));
  return nextPort;
}
