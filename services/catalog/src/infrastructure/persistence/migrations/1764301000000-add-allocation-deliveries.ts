import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What reached Jakarta of each allocation, so a producer sees received and rejected quantities. */
export class AddAllocationDeliveries1764301000000 implements MigrationInterface {
  name = 'AddAllocationDeliveries1764301000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE offer_allocations
        ADD COLUMN received_amount numeric(14,3),
        ADD COLUMN rejected_amount numeric(14,3),
        ADD COLUMN rejection_reason text,
        ADD COLUMN delivered_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE offer_allocations DROP COLUMN received_amount, DROP COLUMN rejected_amount,
        DROP COLUMN rejection_reason, DROP COLUMN delivered_at`);
  }
}
