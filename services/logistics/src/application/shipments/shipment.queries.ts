import { Injectable } from '@nestjs/common';
import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { LOGISTICS_ERRORS } from '../logistics-error-codes';

export interface ShipmentView {
  id: string;
  buyerId: string;
  destinationCode: string;
  mode: string;
  vehicle: string;
  carrier: string;
  temperatureClass: string;
  status: string;
  statusReason: string | null;
  plannedDeparture: string;
  departedAt: string | null;
  eta: string;
  delayed: boolean;
  weightKg: number;
  volumeM3: number;
  weightFill: number;
  volumeFill: number;
  lines?: {
    allocationId: string;
    orderId: string;
    commodityCode: string;
    amount: number;
    unit: string;
    receivedAmount: number | null;
    rejectedAmount: number | null;
    rejectionReason: string | null;
  }[];
  checkpoints?: { checkpoint: string; kmFromOrigin: number; passedAt: string; eta: string }[];
}

/** Who sees which shipments: a BUMD its own, a driver its carrier's, hub roles all. */
function scope(actor: Principal): { buyerId: string | null; carrier: string | null } {
  return {
    buyerId: actor.role === 'bumd' ? (actor.tenantId ?? '') : null,
    carrier: actor.role === 'driver' ? (actor.tenantId ?? '') : null,
  };
}

@Injectable()
export class ShipmentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    actor: Principal,
    filter: { status?: string; limit: number },
  ): Promise<ShipmentView[]> {
    const { buyerId, carrier } = scope(actor);
    const rows = await this.dataSource.query(
      `SELECT * FROM shipments WHERE ($1::text IS NULL OR buyer_id = $1) AND ($2::text IS NULL OR carrier = $2)
       AND ($3::text IS NULL OR status = $3) ORDER BY created_at DESC, id LIMIT $4`,
      [buyerId, carrier, filter.status ?? null, filter.limit],
    );
    return rows.map(toView);
  }

  async get(id: string, actor: Principal): Promise<ShipmentView> {
    const [row] = await this.dataSource.query('SELECT * FROM shipments WHERE id = $1', [id]);
    if (!row) throw new AppError(LOGISTICS_ERRORS.shipmentNotFound, `no shipment ${id}`, 404);
    const { buyerId, carrier } = scope(actor);
    if (
      (buyerId !== null && row.buyer_id !== buyerId) ||
      (carrier !== null && row.carrier !== carrier)
    ) {
      throw new AppError(
        AUTH_ERROR_CODES.forbidden,
        'this shipment belongs to another buyer or carrier',
        403,
      );
    }
    const lines = await this.dataSource.query(
      `SELECT l.allocation_id, l.order_id, l.commodity_code, l.amount::float AS amount, l.unit,
              d.received::float AS received, d.rejected::float AS rejected, d.rejection_reason
       FROM lines_to_ship l LEFT JOIN delivered_lines d USING (allocation_id)
       WHERE l.shipment_id = $1 ORDER BY l.allocation_id`,
      [id],
    );
    const checkpoints = await this.dataSource.query(
      `SELECT checkpoint, km_from_origin::float AS km, passed_at, eta FROM shipment_checkpoints
       WHERE shipment_id = $1 ORDER BY passed_at`,
      [id],
    );
    return {
      ...toView(row),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of the query above
      lines: lines.map((l: any) => ({
        allocationId: l.allocation_id,
        orderId: l.order_id,
        commodityCode: l.commodity_code,
        amount: l.amount,
        unit: l.unit,
        receivedAmount: l.received,
        rejectedAmount: l.rejected,
        rejectionReason: l.rejection_reason,
      })),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of the query above
      checkpoints: checkpoints.map((c: any) => ({
        checkpoint: c.checkpoint,
        kmFromOrigin: c.km,
        passedAt: new Date(c.passed_at).toISOString(),
        eta: new Date(c.eta).toISOString(),
      })),
    };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row of shipments
function toView(row: any): ShipmentView {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    destinationCode: row.destination_code,
    mode: row.mode,
    vehicle: row.vehicle,
    carrier: row.carrier,
    temperatureClass: row.temperature_class,
    status: row.status,
    statusReason: row.status_reason,
    plannedDeparture: new Date(row.planned_departure).toISOString(),
    departedAt: row.departed_at ? new Date(row.departed_at).toISOString() : null,
    eta: new Date(row.eta).toISOString(),
    delayed:
      row.delay_reported_for_eta !== null &&
      new Date(row.delay_reported_for_eta).getTime() === new Date(row.eta).getTime(),
    weightKg: Number(row.weight_kg),
    volumeM3: Number(row.volume_m3),
    weightFill: Number(row.weight_fill),
    volumeFill: Number(row.volume_fill),
  };
}
