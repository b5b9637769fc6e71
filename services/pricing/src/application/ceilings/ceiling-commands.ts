import { Injectable } from '@nestjs/common';
import type { Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { CeilingPublisher, lockCeilings } from './ceiling-publisher';

export interface CeilingView {
  commodityCode: string;
  derivedIdr: number | null;
  derivedReference: string | null;
  overrideIdr: number | null;
  overrideReason: string | null;
  overrideBy: string | null;
  publishedIdr: number | null;
  publishedReference: string | null;
  publishedAt: string | null;
}

/** Operators adjust a commodity's ceiling with a recorded reason, or lift their override. */
@Injectable()
export class CeilingCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: CeilingPublisher,
  ) {}

  async override(
    code: string,
    unitPriceIdr: number | null,
    reason: string,
    actor: Principal,
  ): Promise<CeilingView> {
    await this.dataSource.transaction(async (manager) => {
      await lockCeilings(manager);
      await manager.query(
        'INSERT INTO ceilings (commodity_code) VALUES ($1) ON CONFLICT DO NOTHING',
        [code],
      );
      await manager.query(
        'UPDATE ceilings SET override_idr = $2, override_reason = $3, override_by = $4 WHERE commodity_code = $1',
        [
          code,
          unitPriceIdr,
          unitPriceIdr === null ? null : reason,
          unitPriceIdr === null ? null : actor.subject,
        ],
      );
      await this.publisher.publishChanges(manager, Date.now(), actor.subject);
    });
    return (await this.list()).find((c) => c.commodityCode === code) as CeilingView;
  }

  async list(): Promise<CeilingView[]> {
    const rows = await this.dataSource.query('SELECT * FROM ceilings ORDER BY commodity_code');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of ceilings
    return rows.map((row: any) => ({
      commodityCode: row.commodity_code,
      derivedIdr: row.derived_idr === null ? null : Number(row.derived_idr),
      derivedReference: row.derived_reference,
      overrideIdr: row.override_idr === null ? null : Number(row.override_idr),
      overrideReason: row.override_reason,
      overrideBy: row.override_by,
      publishedIdr: row.published_idr === null ? null : Number(row.published_idr),
      publishedReference: row.published_reference,
      publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    }));
  }
}
