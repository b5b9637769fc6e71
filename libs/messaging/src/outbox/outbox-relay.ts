import { fetchUnpublished, markPublished } from '@simpul/persistence';
import type { DataSource, QueryRunner } from 'typeorm';
import { consoleLogger, type LoggerLike } from '../kafka/logger-like';
import type { EventPublisher } from '../producer/event-publisher';

export interface OutboxRelaySettings {
  /** Rows published per round trip. */
  batchSize?: number;
  /** Sleep between polls when the outbox is empty. */
  idleMs?: number;
  /** Back-off after a failed round (broker or database unavailable). */
  errorBackoffMs?: number;
  /** Identifies the advisory lock: one relay per database publishes at a time. */
  lockKey?: number;
  logger?: LoggerLike;
}

const DEFAULT_LOCK_KEY = 0x5e1a7; // arbitrary, constant: every relay of one database uses the same lock

/**
 * Publishes outbox rows in `seq` order and marks them published only after the broker acknowledged
 * them (acks=all). A crash between the two republishes the rows: consumers deduplicate by event id.
 * A PostgreSQL advisory lock keeps a single active relay per database, so several instances of a
 * service never publish the same key's events out of order.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private lockRunner?: QueryRunner;
  private wake?: () => void;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly errorBackoffMs: number;
  private readonly logger: LoggerLike;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly settings: OutboxRelaySettings = {},
  ) {
    this.batchSize = settings.batchSize ?? 1000;
    this.idleMs = settings.idleMs ?? 50;
    this.errorBackoffMs = settings.errorBackoffMs ?? 1000;
    this.logger = settings.logger ?? consoleLogger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.releaseLock();
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const rows = await fetchUnpublished(this.dataSource.manager, this.batchSize);
    if (rows.length === 0) return 0;
    await this.publisher.publish(rows);
    await markPublished(
      this.dataSource.manager,
      rows.map((row) => row.seq),
    );
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.holdLock())) {
          await this.sleep(this.errorBackoffMs);
          continue;
        }
        const published = await this.publishBatch();
        if (published < this.batchSize) await this.sleep(this.idleMs);
      } catch (error) {
        this.logger.warn(`outbox relay round failed, retrying: ${(error as Error).message}`);
        await this.releaseLock();
        await this.sleep(this.errorBackoffMs);
      }
    }
  }

  private async holdLock(): Promise<boolean> {
    if (this.lockRunner) {
      // A dead lock connection means the lock is gone: find out before publishing again.
      await this.lockRunner.query('SELECT 1');
      return true;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [row] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
      this.settings.lockKey ?? DEFAULT_LOCK_KEY,
    ]);
    if (!row.locked) {
      await runner.release();
      return false;
    }
    this.lockRunner = runner;
    return true;
  }

  private async releaseLock(): Promise<void> {
    const runner = this.lockRunner;
    this.lockRunner = undefined;
    if (!runner) return;
    try {
      await runner.query('SELECT pg_advisory_unlock_all()');
    } catch {
      // The connection is gone, and with it the session lock.
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
