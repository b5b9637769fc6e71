import { createEnvelope, ShipmentPlanned, ShipmentUnplannable } from '@simpul/contracts';
import { appendToOutbox, type OutboxRecord, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import type {
  DispatchPlan,
  PlannedLoad,
  UnplannableLine,
} from '../../domain/dispatch/dispatch-types';
import type { PendingLineRow } from '../../infrastructure/persistence/planning-state.repository';

// A load's shipment id follows from its plan key, so a load can never be saved twice.
const SHIPMENT_NAMESPACE = '2b7c4d1e-5f60-4a8b-9c0d-1e2f3a4b5c6d';
// These depend on capacity, which frees up; the line waits for the next round.
const WAIT_FOR_CAPACITY = new Set(['NO_CAPACITY']);

/** Saves a plan: shipments and their lines, line states, and the events announcing them. */
export class PlanRecorder {
  private readonly outbox: OutboxRecord[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly now: number,
  ) {}

  async save(plan: DispatchPlan, rows: Map<string, PendingLineRow>): Promise<void> {
    for (const load of plan.loads) await this.saveLoad(load, rows);
    for (const entry of plan.unplannable)
      await this.saveUnplannable(entry, rows.get(entry.line.allocationId));
    await appendToOutbox(this.manager, this.outbox);
  }

  async unknownCargo(row: PendingLineRow): Promise<void> {
    await this.markUnplannable(
      row,
      'UNKNOWN_CARGO',
      `no cargo profile for ${row.commodity_code}`,
      true,
    );
  }

  private async saveLoad(load: PlannedLoad, rows: Map<string, PendingLineRow>): Promise<void> {
    const id = uuidv5(load.key, SHIPMENT_NAMESPACE);
    const first = rows.get(load.lines[0].allocationId) as PendingLineRow;
    const [route] = (await this.manager.query(
      'SELECT distance_km::float AS km, transit_hours::float AS hours FROM routes WHERE destination_code = $1 AND mode = $2',
      [load.destinationCode, load.mode],
    )) as { km: number; hours: number }[];
    const [vehicle] = (await this.manager.query('SELECT carrier FROM vehicles WHERE plate = $1', [
      load.vehicle,
    ])) as {
      carrier: string;
    }[];
    const at = new Date(this.now).toISOString();
    await this.manager.query(
      `INSERT INTO shipments (id, plan_key, buyer_id, destination_code, mode, vehicle, carrier, temperature_class, status,
         planned_departure, eta, distance_km, transit_hours, weight_kg, volume_m3, weight_fill, volume_fill, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
      [
        id,
        load.key,
        first.buyer_id,
        load.destinationCode,
        load.mode,
        load.vehicle,
        vehicle?.carrier ?? 'KAI (rail)',
        load.temperatureClass,
        new Date(load.departsAt).toISOString(),
        new Date(load.eta).toISOString(),
        route.km,
        route.hours,
        load.weightKg,
        load.volumeM3,
        round4(load.weightFill),
        round4(load.volumeFill),
        at,
      ],
    );
    const allocationIds = load.lines.map((line) => line.allocationId);
    await this.manager.query(
      "UPDATE lines_to_ship SET status = 'planned', shipment_id = $2, last_reason = NULL WHERE allocation_id = ANY($1::uuid[])",
      [allocationIds, id],
    );
    const orderIds = [...new Set(load.lines.map((line) => line.orderId))].sort();
    const data = {
      shipmentId: id,
      orderIds,
      mode: load.mode,
      vehicle: load.vehicle,
      plannedDeparture: new Date(load.departsAt).toISOString(),
      eta: new Date(load.eta).toISOString(),
    };
    const envelope = createEnvelope(ShipmentPlanned, {
      source: 'logistics',
      subject: id,
      tenantId: first.buyer_id,
      data,
    });
    this.outbox.push(toOutboxRecord(ShipmentPlanned, envelope));
  }

  private async saveUnplannable(
    entry: UnplannableLine,
    row: PendingLineRow | undefined,
  ): Promise<void> {
    if (!row) return;
    const final = !WAIT_FOR_CAPACITY.has(entry.reason);
    await this.markUnplannable(row, entry.reason, entry.message, final);
  }

  /** Reports a line once per reason: a line waiting for capacity is not reported every round. */
  private async markUnplannable(
    row: PendingLineRow,
    reason: string,
    message: string,
    final: boolean,
  ): Promise<void> {
    await this.manager.query(
      'UPDATE lines_to_ship SET status = $2, last_reason = $3 WHERE allocation_id = $1',
      [row.allocation_id, final ? 'unplannable' : 'pending', reason],
    );
    if (row.last_reason === reason) return;
    const data = {
      orderId: row.order_id,
      allocationId: row.allocation_id,
      reason: reason as never,
      message,
      decidedAt: new Date(this.now).toISOString(),
    };
    const envelope = createEnvelope(ShipmentUnplannable, {
      source: 'logistics',
      subject: row.order_id,
      tenantId: row.buyer_id,
      data,
    });
    this.outbox.push(toOutboxRecord(ShipmentUnplannable, envelope));
  }
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
