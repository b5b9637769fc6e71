import type { EntityManager } from 'typeorm';
import type {
  RailDeparture,
  Route,
  TemperatureClass,
  Vehicle,
  VehicleType,
} from '../../domain/dispatch/dispatch-types';

export interface PendingLineRow {
  allocation_id: string;
  order_id: string;
  buyer_id: string;
  destination_code: string;
  commodity_code: string;
  amount: number;
  unit: string;
  ready_at: Date;
  deliver_by: Date;
  best_before: Date | null;
  min_shelf_life_hours: number;
  last_reason: string | null;
}

const DAY_MS = 24 * 3_600_000;
const RAIL_DAYS_AHEAD = 3;

/** Reads what the planner needs, inside the planning transaction. */
export class PlanningStateRepository {
  constructor(private readonly manager: EntityManager) {}

  async pendingLines(limit: number): Promise<PendingLineRow[]> {
    return (await this.manager.query(
      `SELECT allocation_id, order_id, buyer_id, destination_code, commodity_code, amount::float AS amount, unit,
              ready_at, deliver_by, best_before, min_shelf_life_hours, last_reason
       FROM lines_to_ship WHERE status = 'pending' ORDER BY allocation_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as PendingLineRow[];
  }

  /**
   * Vehicles in service and not on a load. One back from Jakarta is free once it could have
   * driven back (its last load's transit hours after that load ended).
   */
  async vehicles(now: number): Promise<Vehicle[]> {
    const rows = (await this.manager.query(
      `SELECT v.plate, v.type, v.payload_kg::float AS payload, v.volume_m3::float AS volume, v.temperature_classes,
              v.carrier, last.status, last.updated_at, last.transit_hours::float AS transit
       FROM vehicles v
       LEFT JOIN LATERAL (
         SELECT s.status, s.updated_at, s.transit_hours FROM shipments s
         WHERE s.vehicle = v.plate ORDER BY s.created_at DESC LIMIT 1) last ON true
       WHERE v.in_service ORDER BY v.plate`,
    )) as {
      plate: string;
      type: VehicleType;
      payload: number;
      volume: number;
      temperature_classes: TemperatureClass[];
      carrier: string;
      status: string | null;
      updated_at: Date | null;
      transit: number | null;
    }[];
    return rows.map((row) => {
      const busy = row.status !== null && row.status !== 'delivered' && row.status !== 'failed';
      const back = row.updated_at ? row.updated_at.getTime() + (row.transit ?? 0) * 3_600_000 : now;
      return {
        plate: row.plate,
        type: row.type,
        payloadKg: row.payload,
        volumeM3: row.volume,
        temperatureClasses: row.temperature_classes,
        carrier: row.carrier,
        availableFrom: busy ? null : Math.max(now, back),
      };
    });
  }

  async routes(): Promise<Route[]> {
    return (await this.manager.query(
      `SELECT destination_code AS "destinationCode", mode, distance_km::float AS "distanceKm",
              transit_hours::float AS "transitHours" FROM routes ORDER BY destination_code, mode`,
    )) as Route[];
  }

  /** The next days' rail departures with what is left of their capacity after planned loads. */
  async railDepartures(now: number): Promise<RailDeparture[]> {
    const rows = (await this.manager.query(
      `SELECT destination_code, to_char(departs_at_utc, 'HH24:MI') AS at, capacity_kg::float AS capacity,
              volume_m3::float AS volume, temperature_classes FROM rail_schedule ORDER BY destination_code, departs_at_utc`,
    )) as {
      destination_code: string;
      at: string;
      capacity: number;
      volume: number;
      temperature_classes: TemperatureClass[];
    }[];
    const used = new Map(
      (
        (await this.manager.query(
          `SELECT vehicle, sum(weight_kg)::float AS kg, sum(volume_m3)::float AS m3 FROM shipments
           WHERE mode = 'rail' AND status <> 'failed' GROUP BY vehicle`,
        )) as { vehicle: string; kg: number; m3: number }[]
      ).map((row) => [row.vehicle, row]),
    );
    const departures: RailDeparture[] = [];
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    for (const row of rows) {
      const [hours, minutes] = row.at.split(':').map(Number);
      for (let day = 0; day <= RAIL_DAYS_AHEAD; day++) {
        const departsAt = today + day * DAY_MS + (hours * 60 + minutes) * 60_000;
        if (departsAt <= now) continue;
        const departureId = `KA-${row.destination_code}-${new Date(departsAt).toISOString()}`;
        const taken = used.get(departureId);
        departures.push({
          departureId,
          departsAt,
          capacityKg: row.capacity - (taken?.kg ?? 0),
          volumeM3: row.volume - (taken?.m3 ?? 0),
          temperatureClasses: row.temperature_classes,
        });
      }
    }
    return departures.filter((d) => d.capacityKg > 0 && d.volumeM3 > 0);
  }
}
