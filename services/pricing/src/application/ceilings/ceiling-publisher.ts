import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@simpul/platform';
import { CeilingSet, createEnvelope } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { derivedCeiling, effectiveCeiling } from '../../domain/monitoring/ceiling-policy';
import { referencePricesOf } from '../../infrastructure/persistence/series.repository';

export const CEILING_CHECK_MS = Symbol('CEILING_CHECK_MS');

/**
 * Everyone who changes ceilings takes this lock first, before touching a ceiling row: writers
 * queue rather than skip (an override must not be lost to a running check), and no two of them
 * can hold a row the other waits for (which would deadlock).
 */
export async function lockCeilings(manager: EntityManager): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock(hashtext('pricing.ceilings'))");
}

interface CeilingRow {
  commodity_code: string;
  override_idr: string | null;
  override_reason: string | null;
  published_idr: string | null;
  published_reference: string | null;
  published_at: Date | null;
}

/**
 * Keeps pricing.ceilings.v1 equal to the ceiling in force per commodity: derived from the
 * reference prices (a regulation dated ahead takes effect on its date) unless an operator
 * overrode it. Publishes only what changed; one publisher at a time (advisory lock).
 */
@Injectable()
export class CeilingPublisher extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CEILING_CHECK_MS) intervalMs: number,
  ) {
    super('CeilingPublisher', intervalMs, true);
  }

  protected round(): Promise<unknown> {
    return this.dataSource.transaction((manager) =>
      this.publishChanges(manager, Date.now(), 'pricing'),
    );
  }

  /** Publishes every commodity whose ceiling in force differs from the one last published. */
  async publishChanges(manager: EntityManager, now: number, actor: string): Promise<number> {
    await lockCeilings(manager);
    const codes = (await manager.query(
      `SELECT commodity_code FROM reference_prices UNION SELECT commodity_code FROM ceilings ORDER BY 1`,
    )) as { commodity_code: string }[];
    let published = 0;
    for (const { commodity_code: code } of codes) {
      if (await this.publishIfChanged(manager, code, now, actor)) published += 1;
    }
    return published;
  }

  private async publishIfChanged(
    manager: EntityManager,
    code: string,
    now: number,
    actor: string,
  ): Promise<boolean> {
    await manager.query(
      'INSERT INTO ceilings (commodity_code) VALUES ($1) ON CONFLICT DO NOTHING',
      [code],
    );
    const [row] = (await manager.query(
      'SELECT * FROM ceilings WHERE commodity_code = $1 FOR UPDATE',
      [code],
    )) as CeilingRow[];
    const derived = derivedCeiling(await referencePricesOf(manager, code), code, now);
    const override =
      row.override_idr === null
        ? null
        : { unitPriceIdr: Number(row.override_idr), reason: row.override_reason ?? '' };
    const ceiling = effectiveCeiling(derived, override);
    await manager.query(
      'UPDATE ceilings SET derived_idr = $2, derived_reference = $3 WHERE commodity_code = $1',
      [code, derived?.unitPriceIdr ?? null, derived?.reference ?? null],
    );
    const current =
      row.published_at === null
        ? undefined
        : row.published_idr === null
          ? null
          : Number(row.published_idr);
    const next = ceiling?.unitPriceIdr ?? null;
    if (current === next && row.published_reference === (ceiling?.reference ?? 'no ceiling'))
      return false;
    if (current === undefined && next === null) return false;
    await this.publish(manager, code, next, ceiling?.reference ?? 'no ceiling', now, actor);
    return true;
  }

  private async publish(
    manager: EntityManager,
    code: string,
    price: number | null,
    reference: string,
    now: number,
    actor: string,
  ) {
    const at = new Date(now);
    await manager.query(
      'UPDATE ceilings SET published_idr = $2, published_reference = $3, published_at = $4 WHERE commodity_code = $1',
      [code, price, reference, at],
    );
    await manager.query(
      'INSERT INTO ceiling_changes (commodity_code, unit_price_idr, reference, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)',
      [code, price, reference, actor, at],
    );
    const data = {
      commodityCode: code,
      unitPriceIdr: price,
      priceLevel: 'consumer',
      reference,
      effectiveFrom: at.toISOString(),
    };
    await appendToOutbox(manager, [
      toOutboxRecord(
        CeilingSet,
        createEnvelope(CeilingSet, { source: 'pricing', subject: code, time: at, data }),
      ),
    ]);
    this.logger.log(`ceiling of ${code}: ${price ?? 'none'} (${reference})`);
  }
}
