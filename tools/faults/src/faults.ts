import { join } from 'node:path';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { repoRoot } from '@simpul/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { FaultSystem } from './system';

export interface FaultRecord {
  at: number;
  fault: string;
  detail: string;
  ms: number;
}

interface LocalKafka {
  ensureKafka(options: { port?: number; log?: (line: string) => void }): Promise<unknown>;
  stopKafka(options: { port?: number }): Promise<boolean>;
}

/** Values no consumer can read: each must end in a DLQ, and nothing else may. */
export function poisonValues(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? `not json ${i} {` : JSON.stringify({ id: `poison-${i}`, type: 'x', data: 1 }),
  );
}

/** The faults a run injects, one after the other while the load runs. */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  private readonly started = Date.now();

  constructor(
    private readonly system: FaultSystem,
    private readonly kafka: Kafka,
    private readonly prefix: string,
    private readonly log: (line: string) => void,
    private readonly restartBroker: boolean,
  ) {}

  private async timed(fault: string, detail: string, run: () => Promise<void>): Promise<void> {
    const begin = Date.now();
    this.log(`fault: ${fault} (${detail})`);
    await run();
    this.records.push({ at: begin - this.started, fault, detail, ms: Date.now() - begin });
  }

  kill(id: string, downMs = 2_000): Promise<void> {
    return this.timed('SIGKILL and restart', id, () => this.system.killAndRestart(id, downMs));
  }

  /** Stops the local broker (clean shutdown), keeps it down, and starts it again. */
  async brokerRestart(downMs: number): Promise<void> {
    if (!this.restartBroker) {
      this.log("fault: broker restart skipped (the broker is not the local launcher's)");
      return;
    }
    const launcher = require(join(repoRoot(), 'infra/kafka/local-kafka.js')) as LocalKafka;
    await this.timed('broker stop and start', `down ${downMs / 1000} s`, async () => {
      await launcher.stopKafka({ port: 9092 });
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launcher.ensureKafka({ port: 9092, log: () => undefined });
    });
  }

  /** Terminates every backend of the services' databases: pools must reconnect. */
  async cutDatabaseConnections(): Promise<void> {
    const names = (await this.system.databaseUrls()).map((url) => new URL(url).pathname.slice(1));
    const admin = new Client({ connectionString: (await this.system.databaseUrls())[0] });
    await this.timed('database connections cut', names.join(', '), async () => {
      await admin.connect();
      const result = await admin.query(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
        [names],
      );
      this.log(`  ${(result.rows[0] as { n: number }).n} connections terminated`);
    });
    await admin.end();
  }

  /** Malformed messages on catalog.offers.v1 (read by orders and pricing). */
  async poison(values: readonly string[]): Promise<void> {
    const publisher = new EventPublisher(this.kafka, new TopicNamer(this.prefix));
    await this.timed('poison messages', `${values.length} on catalog.offers.v1`, async () => {
      await publisher.sendRaw([
        {
          topic: `${this.prefix}catalog.offers.v1`,
          messages: values.map((value, i) => ({ key: `POISON_${i}`, value })),
        },
      ]);
    });
    await publisher.disconnect();
  }
}
