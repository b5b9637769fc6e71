import type { MigrationInterface, QueryRunner } from 'typeorm';

type Seed = [
  code: string,
  nameId: string,
  nameEn: string,
  category: string,
  unit: string,
  temperature: string,
  shelfLifeDays: number | null,
  grades: string[],
  certificates: string[],
];

// The reference list of the domain brief. Shelf lives marked [U] there are uncertain estimates;
// operators correct them through the API. Grades run from best to worst.
const SEED: Seed[] = [
  [
    'EGG',
    'Telur ayam ras',
    'Chicken eggs',
    'peternakan',
    'kg',
    'ambient',
    14,
    ['large', 'medium', 'small'],
    [],
  ],
  [
    'BROILER_CARCASS',
    'Karkas ayam ras',
    'Broiler carcass',
    'peternakan',
    'kg',
    'frozen',
    180,
    ['standard'],
    ['halal', 'nkv'],
  ],
  [
    'BEEF',
    'Daging sapi beku',
    'Frozen beef',
    'peternakan',
    'kg',
    'frozen',
    365,
    ['hindquarter', 'forequarter'],
    ['halal', 'nkv'],
  ],
  [
    'CATTLE_LIVE',
    'Sapi potong hidup',
    'Live beef cattle',
    'peternakan',
    'ekor',
    'live',
    null,
    ['standard'],
    [],
  ],
  [
    'RICE_PREMIUM',
    'Beras premium',
    'Premium rice',
    'pertanian',
    'kg',
    'ambient',
    180,
    ['premium'],
    [],
  ],
  ['RICE_MEDIUM', 'Beras medium', 'Medium rice', 'pertanian', 'kg', 'ambient', 180, ['medium'], []],
  [
    'CHILI_RED_CURLY',
    'Cabai merah keriting',
    'Curly red chili',
    'pertanian',
    'kg',
    'ambient',
    2,
    ['super', '1', '2'],
    [],
  ],
  [
    'CHILI_CAYENNE_RED',
    'Cabai rawit merah',
    'Red cayenne chili',
    'pertanian',
    'kg',
    'ambient',
    2,
    ['super', '1', '2'],
    [],
  ],
  ['SHALLOT', 'Bawang merah', 'Shallots', 'pertanian', 'kg', 'ambient', 30, ['standard'], []],
  ['GARLIC', 'Bawang putih', 'Garlic', 'pertanian', 'kg', 'ambient', 90, ['standard'], []],
  ['TOMATO', 'Tomat', 'Tomatoes', 'pertanian', 'kg', 'ambient', 7, ['standard'], []],
  ['CATFISH', 'Ikan lele', 'Catfish', 'perikanan', 'kg', 'chilled', 12, ['standard'], []],
  ['TILAPIA', 'Ikan nila', 'Tilapia', 'perikanan', 'kg', 'chilled', 12, ['standard'], []],
  ['KOI', 'Ikan koi', 'Koi', 'perikanan', 'ekor', 'live', null, ['standard'], []],
  ['SUGAR', 'Gula pasir', 'Sugar', 'olahan', 'kg', 'ambient', 730, ['standard'], []],
  [
    'COCONUT_SUGAR',
    'Gula kelapa',
    'Coconut sugar',
    'olahan',
    'kg',
    'ambient',
    365,
    ['standard'],
    [],
  ],
  [
    'SAMBAL_PECEL',
    'Sambal pecel',
    'Sambal pecel (peanut chili paste)',
    'olahan',
    'kg',
    'ambient',
    90,
    ['standard'],
    [],
  ],
  ['DJEMBE', 'Djembe', 'Djembe drum', 'kerajinan', 'piece', 'ambient', null, ['standard'], []],
];

export class CreateCommodities1764300300000 implements MigrationInterface {
  name = 'CreateCommodities1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commodities (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
        name_id text NOT NULL,
        name_en text NOT NULL,
        category text NOT NULL CHECK (category IN ('pertanian', 'peternakan', 'perikanan', 'olahan', 'kerajinan')),
        unit text NOT NULL,
        temperature_class text NOT NULL CHECK (temperature_class IN ('ambient', 'chilled', 'frozen', 'live')),
        shelf_life_days integer NULL CHECK (shelf_life_days > 0),
        grades text[] NOT NULL CHECK (cardinality(grades) > 0),
        required_certificates text[] NOT NULL
      )`);
    for (const row of SEED) {
      await queryRunner.query(
        `INSERT INTO commodities (code, name_id, name_en, category, unit, temperature_class, shelf_life_days, grades, required_certificates)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        row,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE commodities');
  }
}
