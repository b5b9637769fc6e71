import { claimInboxEntries } from '@simpul/persistence';
import type { DataSource } from 'typeorm';
import type { ConsumedEvent, EventApplier } from './consumed-event';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './retry-policy';
import { isTransientError } from './transient-error';

export interface FailedEvent {
  event: ConsumedEvent;
  error: Error;
  attempts: number;
}

/**
 * Applies events exactly once per consumer: each transaction records the event ids in the inbox
 * and applies only those not recorded before. A chunk is first tried in one transaction (fast
 * path); if it fails, each event is retried alone so that one poison message cannot hold back
 * the others. Transient infrastructure errors are thrown to the caller, which waits and retries.
 */
export class InboxProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumerName: string,
    private readonly apply: EventApplier,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  async process(events: readonly ConsumedEvent[]): Promise<FailedEvent[]> {
    if (events.length === 0) return [];
    try {
      await this.applyInTransaction(events);
      return [];
    } catch (error) {
      if (isTransientError(error)) throw error;
      if (events.length === 1) return this.retryOne(events[0], error as Error, 1);
    }
    const failures: FailedEvent[] = [];
    for (const event of events) {
      const failure = await this.retryOne(event, undefined, 0);
      failures.push(...failure);
    }
    return failures;
  }

  private async retryOne(
    event: ConsumedEvent,
    lastError: Error | undefined,
    attemptsSoFar: number,
  ): Promise<FailedEvent[]> {
    let attempts = attemptsSoFar;
    let error = lastError;
    while (attempts < this.retry.attempts) {
      if (attempts > 0) await sleep(backoffDelay(this.retry, attempts));
      attempts += 1;
      try {
        await this.applyInTransaction([event]);
        return [];
      } catch (caught) {
        if (isTransientError(caught)) throw caught;
        error = caught as Error;
      }
    }
    return [{ event, error: error ?? new Error('unknown failure'), attempts }];
  }

  private async applyInTransaction(events: readonly ConsumedEvent[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await claimInboxEntries(
        manager,
        this.consumerName,
        events.map((e) => ({
          eventId: e.envelope.id,
          eventType: e.envelope.type,
          topic: e.topic,
          partition: e.partition,
          offset: e.offset,
        })),
      );
      // A redelivered event, or the same id twice in one batch, takes effect once.
      const toApply = events.filter((e) => fresh.delete(e.envelope.id));
      if (toApply.length) await this.apply(toApply, manager);
    });
  }
}
