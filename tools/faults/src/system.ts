import { dropDatabase, ensureDatabase, withDatabaseName } from '@simpul/persistence';
import { expectEventually, spawnService, type ServiceProcess, uniqueId } from '@simpul/testing';

interface Database {
  url: string;
  drop(): Promise<void>;
}

export const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** One running process of a service: `orders-2` is the second orders instance. */
export interface Instance {
  id: string;
  service: ServiceName;
  port: number;
  process?: ServiceProcess;
  /** Times this instance was killed with SIGKILL and started again. */
  kills: number;
  /** Set while the harness itself is stopping the process: its exit is expected. */
  stopping?: boolean;
}

/** A process that ended without the harness stopping it: a defect, reported with its output. */
export interface UnexpectedExit {
  id: string;
  code: number | string;
  at: number;
  outputTail: string;
}

/**
 * The four services as processes on one topic prefix, each on its own database, with orders as
 * two instances on one database and one consumer group (they share partitions and rebalance).
 */
export class FaultSystem {
  readonly instances: Instance[] = [];
  readonly databases = new Map<ServiceName, Database>();
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** Output of the processes that were replaced (killed, or ended and started again). */
  private readonly endedOutputs: string[] = [];
  private nextPort: number;
  private readonly startedAt = Date.now();

  constructor(
    readonly prefix: string,
    private readonly brokers: string,
    private readonly extraEnv: Partial<Record<ServiceName, Record<string, string>>>,
    basePort: number,
    private readonly serverUrl: string,
  ) {
    this.nextPort = basePort;
  }

  async start(log: (line: string) => void): Promise<void> {
    for (const service of SERVICES) {
      const url = withDatabaseName(this.serverUrl, `faults_${service}_${uniqueId()}`);
      await ensureDatabase(url);
      this.databases.set(service, { url, drop: () => dropDatabase(url) });
    }
    const plan: [ServiceName, string][] = [
      ['catalog', 'catalog'],
      ['orders', 'orders-1'],
      ['orders', 'orders-2'],
      ['logistics', 'logistics'],
      ['pricing', 'pricing'],
    ];
    for (const [service, id] of plan) {
      const instance: Instance = { id, service, port: this.nextPort++, kills: 0 };
      this.instances.push(instance);
      await this.launch(instance);
      log(`${id} ready on port ${instance.port}`);
    }
  }

  url(id: string): string {
    return `http://127.0.0.1:${this.instance(id).port}`;
  }

  instance(id: string): Instance {
    const found = this.instances.find((i) => i.id === id);
    if (!found) throw new Error(`no instance ${id}`);
    return found;
  }

  /** SIGKILL (no shutdown at all), then start the same instance again and wait until ready. */
  async killAndRestart(id: string, downMs: number): Promise<void> {
    const instance = this.instance(id);
    instance.stopping = true;
    await instance.process?.stop('SIGKILL');
    instance.stopping = false;
    instance.kills += 1;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.launch(instance);
  }

  /** Ends every connection the services hold to their databases (pg_terminate_backend). */
  async databaseUrls(): Promise<string[]> {
    return [...this.databases.values()].map((d) => d.url);
  }

  async stop(): Promise<void> {
    for (const instance of this.instances) {
      instance.stopping = true;
      await instance.process?.stop('SIGTERM');
    }
  }

  async drop(): Promise<void> {
    for (const database of this.databases.values()) await database.drop().catch(() => undefined);
  }

  /** Every instance's output, or the last `perInstance` characters of each. */
  /** Log lines of every process the run started (killed ones included) that match `pattern`. */
  logLines(pattern: RegExp): string[] {
    const outputs = [...this.endedOutputs, ...this.instances.map((i) => i.process?.output() ?? '')];
    return outputs.flatMap((output) => output.split('\n').filter((line) => pattern.test(line)));
  }

  outputs(perInstance = Infinity): string {
    return this.instances
      .map((i) => `--- ${i.id}\n${(i.process?.output() ?? '').slice(-perInstance)}`)
      .join('\n');
  }

  private async launch(instance: Instance): Promise<void> {
    const database = this.databases.get(instance.service) as Database;
    const proc = spawnService(instance.service, {
      PORT: String(instance.port),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      LOG_LEVEL: 'warn',
      ...(this.extraEnv[instance.service] ?? {}),
    });
    if (instance.process) this.endedOutputs.push(instance.process.output());
    instance.process = proc;
    let exited = false;
    let ready = false;
    void proc.exited.then((code) => {
      exited = true;
      if (instance.stopping || instance.process !== proc) return;
      const exit = {
        id: instance.id,
        code,
        at: Date.now() - this.startedAt,
        outputTail: proc.output().slice(-4000),
      };
      this.unexpectedExits.push(exit);
      // Said at once, with the process's last words: this is what a post-mortem needs.
      process.stderr.write(
        `\n!! ${exit.id} exited on its own (${code}) at +${Math.round(exit.at / 1000)} s; its last output:\n${exit.outputTail}\n`,
      );
      // Started again, as an orchestrator would, so that the other checks still say whether
      // anything was lost; the exit itself stays a violation.
      if (ready)
        this.launch(instance).catch((error: Error) =>
          process.stderr.write(`!! ${instance.id} did not start again: ${error.message}\n`),
        );
    });
    await expectEventually(
      async () => {
        if (exited) throw new Error(`${instance.id} exited:\n${proc.output().slice(-2000)}`);
        const response = await fetch(`http://127.0.0.1:${instance.port}/health/ready`);
        if (response.status !== 200) throw new Error(`${instance.id} not ready`);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    ready = true;
  }
}
