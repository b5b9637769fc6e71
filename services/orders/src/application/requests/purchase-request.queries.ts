import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';

export interface PurchaseRequestView {
  id: string;
  buyerId: string;
  commodityCode: string;
  quantity: { amount: number; unit: string };
  filledAmount: number;
  maxUnitPriceIdr: number;
  minGrade: string;
  destinationCode: string;
  deliverBy: string;
  allowPartial: boolean;
  expiresAt: string;
  status: string;
  /** Why what is open is not filled yet, as the matching engine last saw it. */
  unfilledReasons: { code: string; message: string; offers: number }[];
  orderIds: string[];
  submittedAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT r.id, r.buyer_id, r.commodity_code, r.unit, r.quantity::float AS quantity, r.filled::float AS filled,
         r.max_unit_price_idr::bigint AS max_price, r.min_grade, r.destination_code, r.deliver_by, r.allow_partial,
         r.expires_at, r.status, r.unfilled_reasons, r.submitted_at, r.updated_at,
         COALESCE((SELECT array_agg(o.id ORDER BY o.created_at) FROM orders o WHERE o.request_id = r.id), '{}') AS order_ids
  FROM purchase_requests r`;

@Injectable()
export class PurchaseRequestQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, actor: Principal): Promise<PurchaseRequestView> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw new AppError(ORDERS_ERRORS.requestNotFound, `no purchase request ${id}`, 404);
    assertMayRead(actor, row.buyer_id, 'purchase request');
    return toView(row);
  }

  /** Newest first; a BUMD gets only its own whatever it asks for. */
  async list(
    actor: Principal,
    filter: { status?: string; buyerId?: string; limit: number },
  ): Promise<PurchaseRequestView[]> {
    const buyerId = actor.role === 'bumd' ? actor.tenantId : filter.buyerId;
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ($1::text IS NULL OR r.buyer_id = $1) AND ($2::text IS NULL OR r.status = $2)
       ORDER BY r.submitted_at DESC, r.id DESC LIMIT $3`,
      [buyerId ?? null, filter.status ?? null, filter.limit],
    );
    return rows.map(toView);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row of the query above
function toView(row: any): PurchaseRequestView {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    commodityCode: row.commodity_code,
    quantity: { amount: row.quantity, unit: row.unit },
    filledAmount: row.filled,
    maxUnitPriceIdr: Number(row.max_price),
    minGrade: row.min_grade,
    destinationCode: row.destination_code,
    deliverBy: new Date(row.deliver_by).toISOString(),
    allowPartial: row.allow_partial,
    expiresAt: new Date(row.expires_at).toISOString(),
    status: row.status,
    unfilledReasons: row.unfilled_reasons,
    orderIds: row.order_ids,
    submittedAt: new Date(row.submitted_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
