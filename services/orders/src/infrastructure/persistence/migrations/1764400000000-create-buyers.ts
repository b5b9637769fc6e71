import type { MigrationInterface, QueryRunner } from 'typeorm';

type Destination = [code: string, name: string, area: string, transitHours: number];
type BuyerSeed = [
  id: string,
  name: string,
  commodities: string[],
  certificates: string[],
  Destination[],
];

// The three Jakarta BUMDs of the Blitar–DKI MoU. Transit hours are typical road times from BTC
// Blitar (~790 km on the Trans-Java toll, 16–20 h, marked uncertain in the domain brief).
const BUYERS: BuyerSeed[] = [
  [
    'food-station',
    'PT Food Station Tjipinang Jaya',
    ['RICE_PREMIUM', 'RICE_MEDIUM', 'SUGAR', 'EGG', 'BROILER_CARCASS', 'GARLIC'],
    [],
    [
      ['PIBC', 'Pasar Induk Beras Cipinang', 'Jakarta Timur', 18],
      ['FS-CIPINANG-WH', 'Food Station warehouse Cipinang', 'Jakarta Timur', 18],
    ],
  ],
  [
    'dharma-jaya',
    'Perumda Dharma Jaya',
    ['CATTLE_LIVE', 'BEEF', 'BROILER_CARCASS'],
    ['halal', 'nkv'],
    [
      ['DJ-CAKUNG', 'Dharma Jaya cold storage Cakung (1,000 t)', 'Jakarta Timur', 19],
      ['DJ-PULOGADUNG', 'Dharma Jaya cold storage Pulogadung (2,000 t)', 'Jakarta Timur', 18.5],
    ],
  ],
  [
    'pasar-jaya',
    'Perumda Pasar Jaya',
    [
      'CHILI_RED_CURLY',
      'CHILI_CAYENNE_RED',
      'SHALLOT',
      'TOMATO',
      'EGG',
      'CATFISH',
      'TILAPIA',
      'COCONUT_SUGAR',
      'SAMBAL_PECEL',
      'DJEMBE',
    ],
    [],
    [
      ['PIKJ', 'Pasar Induk Kramat Jati', 'Jakarta Timur', 18],
      ['PJ-SENEN', 'Pasar Senen', 'Jakarta Pusat', 17],
    ],
  ],
];

export class CreateBuyers1764400000000 implements MigrationInterface {
  name = 'CreateBuyers1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE buyers (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,63}$'),
        name text NOT NULL,
        commodity_codes text[] NOT NULL,
        required_certificates text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE buyer_destinations (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9-]{1,31}$'),
        buyer_id text NOT NULL REFERENCES buyers (id),
        name text NOT NULL,
        area text NOT NULL,
        transit_hours numeric(5,2) NOT NULL CHECK (transit_hours > 0)
      )`);
    for (const [id, name, commodities, certificates, destinations] of BUYERS) {
      await queryRunner.query(
        'INSERT INTO buyers (id, name, commodity_codes, required_certificates) VALUES ($1, $2, $3, $4)',
        [id, name, commodities, certificates],
      );
      for (const [code, destination, area, hours] of destinations) {
        await queryRunner.query(
          'INSERT INTO buyer_destinations (code, buyer_id, name, area, transit_hours) VALUES ($1, $2, $3, $4, $5)',
          [code, id, destination, area, hours],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE buyer_destinations');
    await queryRunner.query('DROP TABLE buyers');
  }
}
