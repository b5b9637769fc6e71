import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import type { EntityManager } from 'typeorm';
import {
  ShipmentRuleViolation,
  type ShipmentProgress,
  type ShipmentStatus,
} from '../../domain/shipment/shipment';
import { LOGISTICS_ERRORS } from '../logistics-error-codes';

export interface ShipmentRow {
  id: string;
  buyer_id: string;
  carrier: string;
  status: ShipmentStatus;
  eta: Date;
  departed_at: Date | null;
  distance_km: string;
  transit_hours: string;
  delay_reported_for_eta: Date | null;
}

/** Locks a shipment for a change; operators may change any, a driver only its carrier's. */
export async function lockShipmentFor(
  manager: EntityManager,
  id: string,
  actor: Principal,
): Promise<ShipmentRow> {
  const [row] = (await manager.query('SELECT * FROM shipments WHERE id = $1 FOR UPDATE', [
    id,
  ])) as ShipmentRow[];
  if (!row) throw new AppError(LOGISTICS_ERRORS.shipmentNotFound, `no shipment ${id}`, 404);
  if (actor.role === 'driver' && actor.tenantId !== row.carrier) {
    throw new AppError(
      AUTH_ERROR_CODES.forbidden,
      'a driver may update only its own carrier’s shipments',
      403,
    );
  }
  if (actor.role === 'bumd' && actor.tenantId !== row.buyer_id) {
    throw new AppError(AUTH_ERROR_CODES.forbidden, 'this shipment goes to another buyer', 403);
  }
  return row;
}

export function progressOf(row: ShipmentRow): ShipmentProgress {
  return {
    status: row.status,
    distanceKm: Number(row.distance_km),
    transitHours: Number(row.transit_hours),
    departedAt: row.departed_at ? row.departed_at.getTime() : null,
    eta: row.eta.getTime(),
    delayReportedForEta: row.delay_reported_for_eta ? row.delay_reported_for_eta.getTime() : null,
  };
}

/** Runs a domain decision, turning a broken rule into a 409 with its stable code. */
export function decide<T>(decision: () => T): T {
  try {
    return decision();
  } catch (error) {
    if (error instanceof ShipmentRuleViolation) {
      const status = error.rule === 'TRANSITION_NOT_ALLOWED' ? 409 : 400;
      throw new AppError(
        `${LOGISTICS_ERRORS.shipmentRulePrefix}${error.rule}`,
        error.message,
        status,
      );
    }
    throw error;
  }
}
