import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePricing1764600000000 implements MigrationInterface {
  name = 'CreatePricing1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // History is kept: a new regulation closes the previous row at its effective date.
    await queryRunner.query(`
      CREATE TABLE reference_prices (
        id bigserial PRIMARY KEY,
        commodity_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('HET', 'HAP')),
        level text NOT NULL CHECK (level IN ('producer', 'wholesale', 'consumer')),
        zone text NOT NULL,
        min_idr bigint NOT NULL CHECK (min_idr > 0),
        max_idr bigint NOT NULL CHECK (max_idr >= min_idr),
        unit text NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_until timestamptz CHECK (effective_until IS NULL OR effective_until > effective_from),
        regulation text NOT NULL,
        recorded_by text NOT NULL DEFAULT 'migration',
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX reference_prices_lookup_idx ON reference_prices (commodity_code, level, zone, effective_from)',
    );
    await queryRunner.query(`
      CREATE TABLE observations (
        id text PRIMARY KEY,
        commodity_code text NOT NULL,
        level text NOT NULL,
        region text NOT NULL,
        market text,
        price_idr bigint NOT NULL CHECK (price_idr > 0),
        observed_at timestamptz NOT NULL,
        source text NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX observations_series_day_idx ON observations (commodity_code, level, region, observed_at)',
    );
    // What was accepted from REST and CSV, so that sending the same prices again changes nothing.
    await queryRunner.query(`
      CREATE TABLE market_price_log (
        observation_id text PRIMARY KEY,
        price_idr bigint NOT NULL,
        source text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE daily_aggregates (
        commodity_code text NOT NULL,
        level text NOT NULL,
        region text NOT NULL,
        day timestamptz NOT NULL,
        count integer NOT NULL,
        sum_idr bigint NOT NULL,
        min_idr bigint NOT NULL,
        max_idr bigint NOT NULL,
        last_idr bigint NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (commodity_code, level, region, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE series_statistics (
        commodity_code text NOT NULL,
        level text NOT NULL,
        region text NOT NULL,
        statistics jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (commodity_code, level, region)
      )`);
    await queryRunner.query(`
      CREATE TABLE alerts (
        alert_id uuid PRIMARY KEY,
        rule text NOT NULL,
        commodity_code text NOT NULL,
        level text NOT NULL,
        region text NOT NULL,
        tier text,
        value numeric NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        message text NOT NULL,
        raised_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX alerts_one_open_idx ON alerts (rule, commodity_code, level, region) WHERE status = 'open'",
    );
    await queryRunner.query(`
      CREATE TABLE ceilings (
        commodity_code text PRIMARY KEY,
        derived_idr bigint,
        derived_reference text,
        override_idr bigint,
        override_reason text,
        override_by text,
        published_idr bigint,
        published_reference text,
        published_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE ceiling_changes (
        id bigserial PRIMARY KEY,
        commodity_code text NOT NULL,
        unit_price_idr bigint,
        reference text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ceiling_changes',
      'ceilings',
      'alerts',
      'series_statistics',
      'daily_aggregates',
      'market_price_log',
      'observations',
      'reference_prices',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
