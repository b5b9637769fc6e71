import { Injectable, Logger } from '@nestjs/common';
import type { ConsumedEvent } from '@simpul/messaging';
import type { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { MatchingEngine } from '../../domain/matching/matching-engine';
import { MatchingBookRepository } from '../../infrastructure/persistence/matching-book.repository';
import { requestTermsFrom, toMatchingInput } from './matching-input.mapper';
import { OutcomeRecorder } from './outcome-recorder';

// Ids of what an input creates are derived from the input's event id: a replay names them alike.
const ID_NAMESPACE = '6f1d3c1e-9c1b-4f53-8f0a-5b6e2c7d8a90';

/**
 * Applies a run of orders.matching.v1 inputs from one partition. The partition's cursor row is
 * locked first and inputs at or below its offset are skipped: whoever holds the partition —
 * or still thinks it does, after a rebalance — applies each input once, in offset order, to a
 * book loaded after the lock. See docs/adr/0005-matching-sequenced-per-commodity.md.
 */
@Injectable()
export class ApplyMatchingInputsHandler {
  private readonly logger = new Logger(ApplyMatchingInputsHandler.name);

  async execute(events: readonly ConsumedEvent[], manager: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const fresh = await this.claim(events, manager);
    const books = new MatchingBookRepository(manager, requestTermsFrom);
    const recorder = new OutcomeRecorder(manager);
    for (const [commodityCode, inputs] of byCommodity(fresh)) {
      const book = await books.load(commodityCode);
      const engine = new MatchingEngine(book);
      for (const event of inputs) {
        const input = toMatchingInput(event.envelope);
        if (!input) continue;
        let counter = 0;
        const nextId = () => uuidv5(`${event.envelope.id}:${++counter}`, ID_NAMESPACE);
        const outcomes = engine.apply(input, { now: Date.parse(event.envelope.time), nextId });
        recorder.add(outcomes, event.envelope, commodityCode);
      }
      await books.save(book, commodityCode);
    }
    await recorder.flush();
    for (const message of recorder.ignored) this.logger.warn(message);
  }

  /** Locks the partition's cursor and keeps the inputs it has not applied yet. */
  private async claim(
    events: readonly ConsumedEvent[],
    manager: EntityManager,
  ): Promise<ConsumedEvent[]> {
    const { topic, partition } = events[0];
    await manager.query(
      `INSERT INTO matching_cursors (topic, partition, last_offset) VALUES ($1, $2, -1)
       ON CONFLICT DO NOTHING`,
      [topic, partition],
    );
    const [cursor] = (await manager.query(
      'SELECT last_offset FROM matching_cursors WHERE topic = $1 AND partition = $2 FOR UPDATE',
      [topic, partition],
    )) as { last_offset: string }[];
    const applied = BigInt(cursor.last_offset);
    const fresh = events.filter((event) => BigInt(event.offset) > applied);
    if (fresh.length > 0) {
      await manager.query(
        'UPDATE matching_cursors SET last_offset = $3 WHERE topic = $1 AND partition = $2',
        [topic, partition, fresh[fresh.length - 1].offset],
      );
    }
    return fresh;
  }
}

/** Inputs grouped per commodity, each group in offset order (commodities never interact). */
function byCommodity(events: readonly ConsumedEvent[]): Map<string, ConsumedEvent[]> {
  const groups = new Map<string, ConsumedEvent[]>();
  for (const event of events) {
    const code = (event.envelope.data as { commodityCode: string }).commodityCode;
    const group = groups.get(code);
    if (group) group.push(event);
    else groups.set(code, [event]);
  }
  return groups;
}
