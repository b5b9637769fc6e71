import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFleetAndShipments1764500000000 implements MigrationInterface {
  name = 'CreateFleetAndShipments1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vehicles (
        plate text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('CDE', 'CDD_BOX', 'CDD_REEFER', 'FUSO', 'TRONTON')),
        payload_kg numeric(10,1) NOT NULL CHECK (payload_kg > 0),
        volume_m3 numeric(8,2) NOT NULL CHECK (volume_m3 > 0),
        temperature_classes text[] NOT NULL CHECK (cardinality(temperature_classes) > 0),
        carrier text NOT NULL,
        in_service boolean NOT NULL DEFAULT true
      )`);
    await queryRunner.query(`
      CREATE TABLE routes (
        destination_code text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('road', 'rail')),
        distance_km numeric(7,1) NOT NULL CHECK (distance_km > 0),
        transit_hours numeric(5,2) NOT NULL CHECK (transit_hours > 0),
        PRIMARY KEY (destination_code, mode)
      )`);
    // Fixed rail departures: one row per daily departure time (UTC) with its own capacity.
    await queryRunner.query(`
      CREATE TABLE rail_schedule (
        destination_code text NOT NULL,
        departs_at_utc time NOT NULL,
        capacity_kg numeric(10,1) NOT NULL CHECK (capacity_kg > 0),
        volume_m3 numeric(8,2) NOT NULL CHECK (volume_m3 > 0),
        temperature_classes text[] NOT NULL,
        PRIMARY KEY (destination_code, departs_at_utc)
      )`);
    await queryRunner.query(`
      CREATE TABLE lines_to_ship (
        allocation_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        buyer_id text NOT NULL,
        destination_code text NOT NULL,
        commodity_code text NOT NULL,
        amount numeric(14,3) NOT NULL CHECK (amount > 0),
        unit text NOT NULL,
        ready_at timestamptz NOT NULL,
        deliver_by timestamptz NOT NULL,
        best_before timestamptz,
        min_shelf_life_hours integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('pending', 'planned', 'unplannable', 'cancelled')),
        last_reason text,
        shipment_id uuid,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      "CREATE INDEX lines_to_ship_pending_idx ON lines_to_ship (allocation_id) WHERE status = 'pending'",
    );
    await queryRunner.query('CREATE INDEX lines_to_ship_order_idx ON lines_to_ship (order_id)');
    await queryRunner.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        plan_key text NOT NULL UNIQUE,
        buyer_id text NOT NULL,
        destination_code text NOT NULL,
        mode text NOT NULL,
        vehicle text NOT NULL,
        carrier text NOT NULL,
        temperature_class text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'loading', 'departed', 'arrived', 'delivered', 'failed')),
        planned_departure timestamptz NOT NULL,
        departed_at timestamptz,
        eta timestamptz NOT NULL,
        distance_km numeric(7,1) NOT NULL,
        transit_hours numeric(5,2) NOT NULL,
        delay_reported_for_eta timestamptz,
        weight_kg numeric(10,1) NOT NULL,
        volume_m3 numeric(8,2) NOT NULL,
        weight_fill numeric(5,4) NOT NULL,
        volume_fill numeric(5,4) NOT NULL,
        status_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX shipments_buyer_idx ON shipments (buyer_id, created_at DESC)',
    );
    await queryRunner.query(
      "CREATE INDEX shipments_moving_idx ON shipments (eta) WHERE status IN ('planned', 'loading', 'departed')",
    );
    await queryRunner.query(`
      CREATE TABLE shipment_checkpoints (
        shipment_id uuid NOT NULL REFERENCES shipments (id),
        checkpoint text NOT NULL,
        km_from_origin numeric(7,1) NOT NULL,
        passed_at timestamptz NOT NULL,
        eta timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX shipment_checkpoints_idx ON shipment_checkpoints (shipment_id, passed_at)',
    );
    await queryRunner.query(`
      CREATE TABLE delivered_lines (
        allocation_id uuid PRIMARY KEY REFERENCES lines_to_ship (allocation_id),
        shipment_id uuid NOT NULL REFERENCES shipments (id),
        received numeric(14,3) NOT NULL CHECK (received >= 0),
        rejected numeric(14,3) NOT NULL CHECK (rejected >= 0),
        rejection_reason text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'delivered_lines',
      'shipment_checkpoints',
      'shipments',
      'lines_to_ship',
      'rail_schedule',
      'routes',
      'vehicles',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
