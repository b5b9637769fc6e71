import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducers1764300400000 implements MigrationInterface {
  name = 'CreateProducers1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE producers (
        id uuid PRIMARY KEY,
        nib text NOT NULL UNIQUE CHECK (nib ~ '^[0-9]{13}$'),
        business_name text NOT NULL,
        owner_name text NOT NULL,
        phone text NOT NULL,
        kecamatan text NOT NULL,
        kelurahan text NOT NULL,
        categories text[] NOT NULL,
        halal_certified boolean NOT NULL,
        nkv_number text NULL,
        status text NOT NULL CHECK (status IN ('pending_verification', 'active', 'suspended')),
        status_reason text NULL,
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_producer_fk FOREIGN KEY (producer_id) REFERENCES producers (id) NOT VALID',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_producer_fk');
    await queryRunner.query('DROP TABLE producers');
  }
}
