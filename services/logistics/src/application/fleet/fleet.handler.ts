import { Injectable } from '@nestjs/common';
import { AppError } from '@simpul/platform';
import { DataSource } from 'typeorm';
import type { TemperatureClass, VehicleType } from '../../domain/dispatch/dispatch-types';
import { LOGISTICS_ERRORS } from '../logistics-error-codes';

export interface VehicleView {
  plate: string;
  type: VehicleType;
  payloadKg: number;
  volumeM3: number;
  temperatureClasses: TemperatureClass[];
  carrier: string;
  inService: boolean;
}

const UNIQUE_VIOLATION = '23505';
const SELECT = `SELECT plate, type, payload_kg::float AS "payloadKg", volume_m3::float AS "volumeM3",
  temperature_classes AS "temperatureClasses", carrier, in_service AS "inService" FROM vehicles`;

/** The fleet and the routes from BTC Blitar: read by anyone at the hub, changed by operators. */
@Injectable()
export class FleetHandler {
  constructor(private readonly dataSource: DataSource) {}

  async vehicles(): Promise<VehicleView[]> {
    return this.dataSource.query(`${SELECT} ORDER BY plate`);
  }

  async routes(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT r.destination_code AS "destinationCode", r.mode, r.distance_km::float AS "distanceKm",
              r.transit_hours::float AS "transitHours",
              COALESCE((SELECT json_agg(json_build_object('departsAtUtc', to_char(s.departs_at_utc, 'HH24:MI'),
                 'capacityKg', s.capacity_kg::float) ORDER BY s.departs_at_utc)
               FROM rail_schedule s WHERE s.destination_code = r.destination_code AND r.mode = 'rail'), '[]') AS "railDepartures"
       FROM routes r ORDER BY r.destination_code, r.mode`,
    );
  }

  async add(vehicle: VehicleView): Promise<VehicleView> {
    try {
      await this.dataSource.query(
        'INSERT INTO vehicles (plate, type, payload_kg, volume_m3, temperature_classes, carrier, in_service) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          vehicle.plate,
          vehicle.type,
          vehicle.payloadKg,
          vehicle.volumeM3,
          vehicle.temperatureClasses,
          vehicle.carrier,
          vehicle.inService,
        ],
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new AppError(LOGISTICS_ERRORS.vehicleExists, `vehicle ${vehicle.plate} exists`, 409);
      }
      throw error;
    }
    return this.require(vehicle.plate);
  }

  async setInService(plate: string, inService: boolean): Promise<VehicleView> {
    await this.require(plate);
    await this.dataSource.query('UPDATE vehicles SET in_service = $2 WHERE plate = $1', [
      plate,
      inService,
    ]);
    return this.require(plate);
  }

  private async require(plate: string): Promise<VehicleView> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE plate = $1`, [
      plate,
    ])) as VehicleView[];
    if (!row) throw new AppError(LOGISTICS_ERRORS.vehicleNotFound, `no vehicle ${plate}`, 404);
    return row;
  }
}
