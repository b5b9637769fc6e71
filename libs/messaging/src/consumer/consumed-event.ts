import type { EventEnvelope } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';

/** A validated event and where it came from. */
export interface ConsumedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  /** Logical topic name (without any test or sandbox prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Marked as a replay of history (`simpul-replay` header): skip side effects unless asked. */
  replay: boolean;
}

/**
 * Applies new events (never seen before by this consumer) inside the inbox transaction.
 * Everything it writes through `manager` commits or rolls back together with the inbox rows.
 */
export type EventApplier = (
  events: readonly ConsumedEvent[],
  manager: EntityManager,
) => Promise<void>;
