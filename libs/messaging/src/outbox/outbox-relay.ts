import { fetchUnpublished, markPublished, onOutboxCommit } from '@simpul/persistence';
import type { DataSource, QueryRunner } from 'typeorm';
import { consoleLogger, type LoggerLike } from '../kafka/logger-like';
import type { EventPublisher } from '../producer/event-publisher';

export interface OutboxRelaySettings {
  /** Rows published per round trip. */
  batchSize?: number;
  /**
   * Sleep between polls when the outbox is empty. A commit in this process that appended to the
   * outbox cuts the sleep short (see `wakeGapMs`), so this bounds only the delay of rows written
   * by other processes.
   */
  idleMs?: number;
  /**
   * Least time between the starts of two rounds when a commit wakes the relay, so that the
   * commits of a busy process are published together rather than a round each.
   */
  wakeGapMs?: number;
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
 * service never publish the same key's events out of order; the relay reads and marks rows on the
 * connection that holds that lock.
 *
 * It polls, and is also woken by every commit of this process that appended to the outbox, so an
 * event leaves within `wakeGapMs` (10 ms) of its commit rather than after up to `idleMs` (50 ms).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private lockRunner?: QueryRunner;
  private wake?: () => void;
  private wakeIdle?: () => void;
  /** Set by a commit that appended to the outbox since the present round read the outbox. */
  private nudged = false;
  private roundStartedAt = 0;
  private stopListening?: () => void;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly wakeGapMs: number;
  private readonly errorBackoffMs: number;
  private readonly logger: LoggerLike;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly settings: OutboxRelaySettings = {},
  ) {
    this.batchSize = settings.batchSize ?? 1000;
    this.idleMs = settings.idleMs ?? 50;
    this.wakeGapMs = settings.wakeGapMs ?? 10;
    this.errorBackoffMs = settings.errorBackoffMs ?? 1000;
    this.logger = settings.logger ?? consoleLogger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopListening = onOutboxCommit(this.dataSource, () => this.nudge());
    this.loop = this.run();
  }

  /** Outbox rows were committed: publish now rather than at the next poll. */
  private nudge(): void {
    if (this.nudged) return;
    this.nudged = true;
    this.wakeIdle?.();
  }

  /**
   * Stops polling, then publishes what is still in the outbox (for up to `drainMs`) while this
   * relay holds the lock: called after the consumers stopped, it leaves nothing behind that a
   * clean shutdown could have sent. Rows it cannot send in time stay for the next start.
   */
  async stop(drainMs = 0): Promise<number> {
    this.running = false;
    this.stopListening?.();
    this.wake?.();
    await this.loop;
    let drained = 0;
    const deadline = Date.now() + drainMs;
    try {
      while (Date.now() < deadline && (await this.holdLock())) {
        const published = await this.publishBatch();
        drained += published;
        if (published === 0) break;
      }
    } catch (error) {
      this.logger.warn(`outbox not drained at shutdown: ${(error as Error).message}`);
    }
    await this.releaseLock();
    return drained;
  }

  /**
   * Publishes one batch; returns how many rows it published. It reads and marks the rows on the
   * connection that holds the relay's lock, so a relay whose lock connection died fails here
   * rather than publishing beside the relay that took the lock over.
   */
  async publishBatch(): Promise<number> {
    const runner = this.lockRunner;
    if (!runner) throw new Error('the outbox relay publishes only while it holds its lock');
    const rows = await fetchUnpublished(runner.manager, this.batchSize);
    if (rows.length === 0) return 0;
    await this.publisher.publish(rows);
    await markPublished(
      runner.manager,
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
        // Only a commit after this round's read calls for another round at once.
        this.nudged = false;
        this.roundStartedAt = Date.now();
        const published = await this.publishBatch();
        if (published < this.batchSize) await this.idle();
      } catch (error) {
        this.logger.warn(`outbox relay round failed, retrying: ${(error as Error).message}`);
        await this.releaseLock();
        await this.sleep(this.errorBackoffMs);
      }
    }
  }

  private async holdLock(): Promise<boolean> {
    // A dead lock connection fails the next round's read, which releases it (see run()).
    if (this.lockRunner) return true;
    const runner = this.dataSource.createQueryRunner();
    let locked = false;
    try {
      await runner.connect();
      const [row] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        this.settings.lockKey ?? DEFAULT_LOCK_KEY,
      ]);
      locked = row.locked === true;
    } finally {
      // Not locked (another relay has it, or the connection failed): give the connection back.
      if (!locked) await runner.release().catch(() => undefined);
    }
    if (!locked) return false;
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

  /**
   * Sleeps `idleMs`; a commit of this process (before or during the sleep) shortens it to
   * `wakeGapMs` after the start of the last round.
   */
  private async idle(): Promise<void> {
    const untilGapEnds = () => Math.max(0, this.roundStartedAt + this.wakeGapMs - Date.now());
    await new Promise<void>((resolve) => {
      let due = Date.now() + (this.nudged ? Math.min(this.idleMs, untilGapEnds()) : this.idleMs);
      let timer = setTimeout(resolve, due - Date.now());
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.wakeIdle = () => {
        const gapEnds = Date.now() + untilGapEnds();
        if (gapEnds >= due) return;
        due = gapEnds;
        clearTimeout(timer);
        timer = setTimeout(resolve, due - Date.now());
      };
    });
    this.wakeIdle = undefined;
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
