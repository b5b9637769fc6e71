import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@simpul/platform';
import { createEnvelope, MatchingClockTicked } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { DataSource } from 'typeorm';

export const MATCHING_CLOCK_TICK_MS = Symbol('MATCHING_CLOCK_TICK_MS');

/**
 * Time reaches the engine only as inputs: on a schedule, a tick is sequenced for each commodity
 * that has requests past their expiry, and the engine expires them when it applies the tick.
 * One instance ticks at a time (advisory lock); an extra tick is harmless.
 */
@Injectable()
export class MatchingClock extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATCHING_CLOCK_TICK_MS) intervalMs: number,
  ) {
    super('MatchingClock', intervalMs);
  }

  protected round(): Promise<unknown> {
    return this.tick();
  }

  /** Sequences a tick for every commodity with a request due; returns how many. */
  async tick(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        "SELECT pg_try_advisory_xact_lock(hashtext('orders.matching-clock')) AS locked",
      );
      if (!locked) return 0;
      const due = (await manager.query(
        `SELECT DISTINCT commodity_code FROM purchase_requests
         WHERE status IN ('open', 'partially_matched') AND book_seq IS NOT NULL AND expires_at <= now()
         ORDER BY commodity_code`,
      )) as { commodity_code: string }[];
      const records = due.map(({ commodity_code: commodityCode }) =>
        toOutboxRecord(
          MatchingClockTicked,
          createEnvelope(MatchingClockTicked, {
            source: 'orders',
            subject: commodityCode,
            data: { commodityCode },
          }),
        ),
      );
      await appendToOutbox(manager, records);
      return records.length;
    });
  }
}
