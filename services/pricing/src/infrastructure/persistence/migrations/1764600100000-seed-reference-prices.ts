import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFERENCE_PRICE_SEED } from '../../../domain/monitoring/reference-price.seed';

/** HET and HAP of the domain brief (Badan Pangan Nasional), with their effective periods. */
export class SeedReferencePrices1764600100000 implements MigrationInterface {
  name = 'SeedReferencePrices1764600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const p of REFERENCE_PRICE_SEED) {
      await queryRunner.query(
        `INSERT INTO reference_prices (commodity_code, kind, level, zone, min_idr, max_idr, unit, effective_from, effective_until, regulation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          p.commodityCode,
          p.kind,
          p.level,
          p.zone,
          p.minIdr,
          p.maxIdr,
          p.unit,
          new Date(p.effectiveFrom),
          p.effectiveUntil === null ? null : new Date(p.effectiveUntil),
          p.regulation,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM reference_prices WHERE recorded_by = 'migration'");
  }
}
