import {
  AllocationMade,
  AllocationReleased,
  causedBy,
  createEnvelope,
  type EventEnvelope,
  OrderConfirmed,
  RequestStatusChanged,
} from '@simpul/contracts';
import { appendToOutbox, type OutboxRecord, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';
import type { MatchingOutcome } from '../../domain/matching/matching-outcomes';
import { describeAllocation } from '../../domain/matching/fill-plan';
import { fromQty } from '../../domain/matching/quantity';

type Outcome<K extends MatchingOutcome['kind']> = Extract<MatchingOutcome, { kind: K }>;

/**
 * Turns the engine's outcomes into rows (orders, order lines, released marks) and outbox
 * events, collected over a run of inputs and written in a few statements at the end.
 */
export class OutcomeRecorder {
  private readonly orders: Record<string, unknown>[] = [];
  private readonly lines: Record<string, unknown>[] = [];
  private readonly released: string[] = [];
  private readonly outbox: OutboxRecord[] = [];
  readonly ignored: string[] = [];

  constructor(private readonly manager: EntityManager) {}

  add(outcomes: readonly MatchingOutcome[], cause: EventEnvelope, commodityCode: string): void {
    for (const outcome of outcomes) {
      if (outcome.kind === 'order-confirmed') this.order(outcome, cause);
      else if (outcome.kind === 'request-progressed') this.progress(outcome, cause, commodityCode);
      else if (outcome.kind === 'allocation-released') this.release(outcome, cause, commodityCode);
      else
        this.ignored.push(`matching input ${cause.id} (${cause.type}) ignored: ${outcome.reason}`);
    }
  }

  async flush(): Promise<void> {
    // jsonb_populate_recordset maps the rows' keys onto the table's columns in one statement.
    if (this.orders.length) {
      await this.manager.query(
        'INSERT INTO orders SELECT * FROM jsonb_populate_recordset(null::orders, $1::jsonb)',
        [JSON.stringify(this.orders)],
      );
    }
    if (this.lines.length) {
      await this.manager.query(
        'INSERT INTO order_lines SELECT * FROM jsonb_populate_recordset(null::order_lines, $1::jsonb)',
        [JSON.stringify(this.lines)],
      );
    }
    if (this.released.length) {
      await this.manager.query(
        'UPDATE order_lines SET released_at = now() WHERE allocation_id = ANY($1::uuid[]) AND released_at IS NULL',
        [this.released],
      );
    }
    await appendToOutbox(this.manager, this.outbox);
  }

  private order(outcome: Outcome<'order-confirmed'>, cause: EventEnvelope): void {
    const at = new Date(cause.time);
    const lines = outcome.lines.map((line) => ({
      allocationId: line.allocationId,
      offerId: line.offerId,
      producerId: line.producerId,
      quantity: { amount: fromQty(line.quantity), unit: outcome.unit as 'kg' },
      unitPriceIdr: line.unitPriceIdr,
      availableFrom: new Date(line.availableFrom).toISOString(),
      ...(line.bestBefore !== null ? { bestBefore: new Date(line.bestBefore).toISOString() } : {}),
    }));
    const totalIdr = lines.reduce(
      (sum, l) => sum + Math.round(l.quantity.amount * l.unitPriceIdr),
      0,
    );
    this.orders.push({
      id: outcome.orderId,
      request_id: outcome.requestId,
      buyer_id: outcome.buyerId,
      commodity_code: outcome.commodityCode,
      unit: outcome.unit,
      destination_code: outcome.destinationCode,
      deliver_by: new Date(outcome.deliverBy).toISOString(),
      status: 'confirmed',
      total_idr: totalIdr,
      created_at: cause.time,
      updated_at: cause.time,
    });
    for (const line of outcome.lines) {
      this.lines.push({
        allocation_id: line.allocationId,
        order_id: outcome.orderId,
        offer_id: line.offerId,
        producer_id: line.producerId,
        quantity: fromQty(line.quantity),
        unit_price_idr: line.unitPriceIdr,
        explanation: {
          ...line.explanation,
          message: describeAllocation(line.explanation, line.quantity, outcome.unit),
        },
      });
    }
    const context = { source: 'orders', ...causedBy(cause), tenantId: outcome.buyerId, time: at };
    const { orderId, requestId, buyerId, commodityCode, destinationCode } = outcome;
    const data = { orderId, requestId, buyerId, commodityCode, destinationCode, lines, totalIdr };
    const deliverBy = new Date(outcome.deliverBy).toISOString();
    const { minShelfLifeHoursOnArrival } = outcome;
    this.outbox.push(
      toOutboxRecord(
        OrderConfirmed,
        createEnvelope(OrderConfirmed, {
          ...context,
          subject: orderId,
          data: { ...data, deliverBy, minShelfLifeHoursOnArrival },
        }),
      ),
    );
    for (const line of lines) {
      const { allocationId, offerId, quantity, unitPriceIdr } = line;
      const made = {
        allocationId,
        offerId,
        quantity,
        unitPriceIdr,
        requestId,
        commodityCode,
        allocatedAt: at.toISOString(),
      };
      this.outbox.push(
        toOutboxRecord(
          AllocationMade,
          createEnvelope(AllocationMade, { ...context, subject: line.offerId, data: made }),
        ),
      );
    }
  }

  private progress(
    outcome: Outcome<'request-progressed'>,
    cause: EventEnvelope,
    commodityCode: string,
  ): void {
    const data = {
      requestId: outcome.requestId,
      buyerId: outcome.buyerId,
      commodityCode,
      status: outcome.status,
      filledAmount: fromQty(outcome.filled),
      openAmount: fromQty(outcome.open),
      unit: outcome.unit,
      unfilledReasons: outcome.unfilledReasons,
    };
    const envelope = createEnvelope(RequestStatusChanged, {
      source: 'orders',
      ...causedBy(cause),
      tenantId: outcome.buyerId,
      time: new Date(cause.time),
      subject: outcome.requestId,
      data,
    });
    this.outbox.push(toOutboxRecord(RequestStatusChanged, envelope));
  }

  private release(
    outcome: Outcome<'allocation-released'>,
    cause: EventEnvelope,
    commodityCode: string,
  ): void {
    this.released.push(outcome.allocationId);
    const data = {
      allocationId: outcome.allocationId,
      offerId: outcome.offerId,
      commodityCode,
      reason: outcome.reason,
      releasedAt: cause.time,
    };
    const envelope = createEnvelope(AllocationReleased, {
      source: 'orders',
      ...causedBy(cause),
      time: new Date(cause.time),
      subject: outcome.offerId,
      data,
    });
    this.outbox.push(toOutboxRecord(AllocationReleased, envelope));
  }
}
