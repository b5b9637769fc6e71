import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BLITAR_ROUTES, BLITAR_VEHICLES, KA_BRANTAS } from '../../../domain/dispatch/blitar-fleet';

/** "CV Penataran Jaya Trans" → "cv-penataran-jaya-trans": the id a driver's token names. */
export function carrierId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The seeded fleet, routes and KA Brantas schedule (see blitar-fleet.ts); operators change them later. */
export class SeedBlitarFleet1764500100000 implements MigrationInterface {
  name = 'SeedBlitarFleet1764500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const v of BLITAR_VEHICLES) {
      await queryRunner.query(
        'INSERT INTO vehicles (plate, type, payload_kg, volume_m3, temperature_classes, carrier) VALUES ($1, $2, $3, $4, $5, $6)',
        [v.plate, v.type, v.payloadKg, v.volumeM3, v.temperatureClasses, carrierId(v.carrier)],
      );
    }
    for (const r of BLITAR_ROUTES) {
      await queryRunner.query(
        'INSERT INTO routes (destination_code, mode, distance_km, transit_hours) VALUES ($1, $2, $3, $4)',
        [r.destinationCode, r.mode, r.distanceKm, r.transitHours],
      );
    }
    const { hours, minutes } = KA_BRANTAS.departsAtUtc;
    await queryRunner.query(
      'INSERT INTO rail_schedule (destination_code, departs_at_utc, capacity_kg, volume_m3, temperature_classes) VALUES ($1, $2, $3, $4, $5)',
      [
        KA_BRANTAS.destinationCode,
        `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
        KA_BRANTAS.capacityKg,
        KA_BRANTAS.volumeM3,
        KA_BRANTAS.temperatureClasses,
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM rail_schedule');
    await queryRunner.query('DELETE FROM routes');
    await queryRunner.query('DELETE FROM vehicles');
  }
}
