import type { MigrationInterface, QueryRunner } from 'typeorm';

// The purchasing terms requests are checked against: the catalog's reference list (unit, grades
// best to worst) plus the trading unit allocations are rounded to. Kept here because services
// share no tables; operators change both together when a commodity is added.
const TERMS: [code: string, unit: string, tradingUnit: number, grades: string[]][] = [
  ['EGG', 'kg', 1, ['large', 'medium', 'small']],
  ['BROILER_CARCASS', 'kg', 1, ['standard']],
  ['BEEF', 'kg', 1, ['hindquarter', 'forequarter']],
  ['CATTLE_LIVE', 'ekor', 1, ['standard']],
  ['RICE_PREMIUM', 'kg', 1, ['premium']],
  ['RICE_MEDIUM', 'kg', 1, ['medium']],
  ['CHILI_RED_CURLY', 'kg', 1, ['super', '1', '2']],
  ['CHILI_CAYENNE_RED', 'kg', 1, ['super', '1', '2']],
  ['SHALLOT', 'kg', 1, ['standard']],
  ['GARLIC', 'kg', 1, ['standard']],
  ['TOMATO', 'kg', 1, ['standard']],
  ['CATFISH', 'kg', 1, ['standard']],
  ['TILAPIA', 'kg', 1, ['standard']],
  ['KOI', 'ekor', 1, ['standard']],
  ['SUGAR', 'kg', 1, ['standard']],
  ['COCONUT_SUGAR', 'kg', 1, ['standard']],
  ['SAMBAL_PECEL', 'kg', 1, ['standard']],
  ['DJEMBE', 'piece', 1, ['standard']],
];

export class CreateCommodityTerms1764400100000 implements MigrationInterface {
  name = 'CreateCommodityTerms1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commodity_terms (
        code text PRIMARY KEY,
        unit text NOT NULL,
        trading_unit numeric(14,3) NOT NULL CHECK (trading_unit > 0),
        grades text[] NOT NULL CHECK (cardinality(grades) > 0)
      )`);
    for (const [code, unit, tradingUnit, grades] of TERMS) {
      await queryRunner.query(
        'INSERT INTO commodity_terms (code, unit, trading_unit, grades) VALUES ($1, $2, $3, $4)',
        [code, unit, tradingUnit, grades],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commodity_terms');
  }
}
