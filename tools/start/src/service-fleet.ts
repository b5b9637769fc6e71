import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'] as const;
export type ServiceName = (typeof SERVICES)[number];

const COLORS: Record<ServiceName, number> = { catalog: 36, orders: 33, logistics: 35, pricing: 32 };
const LEVEL_COLORS: Record<string, number> = { error: 31, fatal: 31, warn: 33 };

export interface RunningService {
  name: ServiceName;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Nest's start-up chatter: one line per module and route, nothing an operator acts on. */
const QUIET_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
]);

/** A line of a service's JSON log, made readable: `12:03:04 [orders] message`; null to skip it. */
export function prettyLine(name: ServiceName, line: string): string | null {
  const tag = `\x1b[${COLORS[name]}m[${name}]\x1b[0m`.padEnd(20);
  try {
    const entry = JSON.parse(line) as {
      level?: string;
      time?: string;
      message?: unknown;
      context?: string;
    };
    if (entry.context && QUIET_CONTEXTS.has(entry.context) && entry.level === 'log') return null;
    const time = (entry.time ?? new Date().toISOString()).slice(11, 19);
    const color = LEVEL_COLORS[entry.level ?? ''];
    const message =
      typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message);
    const text = color ? `\x1b[${color}m${entry.level}: ${message}\x1b[0m` : message;
    return `${time} ${tag} ${entry.context ? `${entry.context}: ` : ''}${text}`;
  } catch {
    return `${new Date().toISOString().slice(11, 19)} ${tag} ${line}`;
  }
}

export async function assertPortFree(port: number, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `port ${port} for ${name} is in use: stop what uses it, or set ${name.toUpperCase()}_PORT`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Starts a built service as its own process; its log lines go to `print`, prefixed. */
export function startService(
  root: string,
  name: ServiceName,
  port: number,
  env: Record<string, string>,
  print: (line: string) => void,
): RunningService {
  const entry = join(root, 'dist', 'services', name, 'src', 'main.js');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` first (npm start does)`);
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const pretty = line.trim() ? prettyLine(name, line) : null;
        if (pretty !== null) print(pretty);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { name, url: `http://127.0.0.1:${port}`, child, exited };
}

/** Waits until GET /health/ready answers 200, or the process dies, or the time is up. */
export async function waitReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void service.exited.then(() => (dead = true));
  for (;;) {
    if (dead) throw new Error(`${service.name} exited while starting (its log is above)`);
    try {
      const response = await fetch(`${service.url}/health/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${service.name} was not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** SIGTERM to each, then SIGKILL to what has not stopped after `graceMs`. */
export async function stopAll(
  services: readonly RunningService[],
  graceMs = 10_000,
): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      if (service.child.exitCode !== null) return;
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
      await service.exited;
      clearTimeout(timer);
    }),
  );
}
