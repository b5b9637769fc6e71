import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';

export interface OrderLineView {
  allocationId: string;
  offerId: string;
  producerId: string;
  quantity: number;
  unitPriceIdr: number;
  /** Why the engine allocated this line: price rank, ceiling, share rule. */
  explanation: { message: string; [detail: string]: unknown };
  released: boolean;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface OrderView {
  id: string;
  requestId: string;
  buyerId: string;
  commodityCode: string;
  unit: string;
  destinationCode: string;
  deliverBy: string;
  status: string;
  statusReason: string | null;
  totalIdr: number;
  shipmentId: string | null;
  createdAt: string;
  lines: OrderLineView[];
}

@Injectable()
export class OrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, actor: Principal): Promise<OrderView> {
    const [row] = await this.dataSource.query('SELECT * FROM orders WHERE id = $1', [id]);
    if (!row) throw new AppError(ORDERS_ERRORS.orderNotFound, `no order ${id}`, 404);
    assertMayRead(actor, row.buyer_id, 'order');
    const lines = await this.dataSource.query(
      `SELECT allocation_id, offer_id, producer_id, quantity::float AS quantity, unit_price_idr, explanation,
              released_at, received::float AS received, rejected::float AS rejected, rejection_reason
       FROM order_lines WHERE order_id = $1 ORDER BY allocation_id`,
      [id],
    );
    return { ...toView(row), lines: lines.map(toLine) };
  }

  async list(
    actor: Principal,
    filter: { status?: string; buyerId?: string; limit: number },
  ): Promise<Omit<OrderView, 'lines'>[]> {
    const buyerId = actor.role === 'bumd' ? actor.tenantId : filter.buyerId;
    const rows = await this.dataSource.query(
      `SELECT * FROM orders WHERE ($1::text IS NULL OR buyer_id = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [buyerId ?? null, filter.status ?? null, filter.limit],
    );
    return rows.map(toView);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row of orders
function toView(row: any): Omit<OrderView, 'lines'> {
  return {
    id: row.id,
    requestId: row.request_id,
    buyerId: row.buyer_id,
    commodityCode: row.commodity_code,
    unit: row.unit,
    destinationCode: row.destination_code,
    deliverBy: new Date(row.deliver_by).toISOString(),
    status: row.status,
    statusReason: row.status_reason,
    totalIdr: Number(row.total_idr),
    shipmentId: row.shipment_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row of order_lines
function toLine(row: any): OrderLineView {
  return {
    allocationId: row.allocation_id,
    offerId: row.offer_id,
    producerId: row.producer_id,
    quantity: row.quantity,
    unitPriceIdr: Number(row.unit_price_idr),
    explanation: row.explanation,
    released: row.released_at !== null,
    receivedAmount: row.received,
    rejectedAmount: row.rejected,
    rejectionReason: row.rejection_reason,
  };
}
