import { Injectable } from '@nestjs/common';
import type { EventEnvelope, ShipmentDeliveredV1 } from '@simpul/contracts';
import type { Principal } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { GetOfferQuery } from './get-offer.query';

export interface AllocationView {
  allocationId: string;
  quantity: { amount: number; unit: string };
  allocatedAt: string;
  releasedAt: string | null;
  deliveredAt: string | null;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

/** Allocations of an offer and what became of them in Jakarta (from logistics deliveries). */
@Injectable()
export class OfferDeliveries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: GetOfferQuery,
  ) {}

  /** Lines of other producers' offers are simply not ours: only matching allocation ids change. */
  async recordDelivery(
    event: EventEnvelope<ShipmentDeliveredV1>,
    manager: EntityManager,
  ): Promise<void> {
    const lines = event.data.lines.map((line) => ({
      allocation_id: line.allocationId,
      received: line.receivedAmount,
      rejected: line.rejectedAmount,
      reason: line.rejectionReason ?? null,
    }));
    await manager.query(
      `UPDATE offer_allocations a SET received_amount = x.received, rejected_amount = x.rejected,
              rejection_reason = x.reason, delivered_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(allocation_id uuid, received numeric, rejected numeric, reason text)
       WHERE a.allocation_id = x.allocation_id`,
      [JSON.stringify(lines), event.data.deliveredAt],
    );
  }

  async list(offerId: string, actor: Principal): Promise<AllocationView[]> {
    await this.offers.execute(offerId, actor);
    const rows = await this.dataSource.query(
      `SELECT allocation_id, quantity_amount::float AS amount, unit, allocated_at, released_at, delivered_at,
              received_amount::float AS received, rejected_amount::float AS rejected, rejection_reason
       FROM offer_allocations WHERE offer_id = $1 ORDER BY allocated_at, allocation_id`,
      [offerId],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of the query above
    return rows.map((row: any) => ({
      allocationId: row.allocation_id,
      quantity: { amount: row.amount, unit: row.unit },
      allocatedAt: new Date(row.allocated_at).toISOString(),
      releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
      deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
      receivedAmount: row.received,
      rejectedAmount: row.rejected,
      rejectionReason: row.rejection_reason,
    }));
  }
}
