import { Injectable } from '@nestjs/common';
import { createEnvelope, MarketPricesObserved, type MarketPriceV1 } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError } from '@simpul/platform';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import {
  checkMarketPrice,
  type MarketPrice,
  type MarketPriceInput,
} from '../../domain/market/market-price-row';

export interface ImportReport {
  /** New prices, and corrections of a price sent before for the same market, commodity and day. */
  accepted: number;
  /** Rows identical to what was sent before: nothing to do. */
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

const EVENT_BATCH = 1000;
const CSV_COLUMNS = ['market', 'commodity', 'price', 'date'];

/**
 * Jakarta market prices from REST or CSV: bad rows are reported (by line for CSV) and the good
 * ones kept; what is new or corrected is published on pricing.observations.v1 through the
 * outbox, and the log of what was accepted makes a re-import change nothing.
 */
@Injectable()
export class ImportMarketPricesHandler {
  constructor(private readonly dataSource: DataSource) {}

  async fromRows(
    rows: { line: number; input: MarketPriceInput }[],
    source: 'rest' | 'csv',
  ): Promise<ImportReport> {
    const today = new Date().toISOString().slice(0, 10);
    const rejected: ImportReport['rejected'] = [];
    const good = new Map<string, MarketPrice>();
    for (const { line, input } of rows) {
      const checked = checkMarketPrice(input, today);
      if (typeof checked === 'string') rejected.push({ line, reason: checked });
      else good.set(checked.observationId, checked); // a later row for the same day wins
    }
    const { accepted, unchanged } = await this.dataSource.transaction((manager) =>
      this.save([...good.values()], source, manager),
    );
    return { accepted, unchanged, rejected };
  }

  async fromCsv(text: string): Promise<ImportReport> {
    let records: string[][];
    try {
      records = parse(text, {
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
      });
    } catch (error) {
      throw new AppError(
        'PRICING_CSV_UNREADABLE',
        `the CSV cannot be read: ${(error as Error).message}`,
        400,
      );
    }
    const header = (records[0] ?? []).map((name) => name.toLowerCase());
    if (CSV_COLUMNS.some((column, i) => header[i] !== column)) {
      throw new AppError(
        'PRICING_CSV_HEADER',
        `the first line must be the header ${CSV_COLUMNS.join(',')}`,
        400,
      );
    }
    // Line numbers as a spreadsheet shows them: the header is line 1.
    const rows = records.slice(1).map((record, i) => ({
      line: i + 2,
      input: { market: record[0], commodity: record[1], price: record[2], date: record[3] },
    }));
    return this.fromRows(rows, 'csv');
  }

  private async save(prices: MarketPrice[], source: 'rest' | 'csv', manager: EntityManager) {
    if (prices.length === 0) return { accepted: 0, unchanged: 0 };
    const changed = (await manager.query(
      `INSERT INTO market_price_log (observation_id, price_idr, source, recorded_at)
       SELECT "observationId", "priceIdr", $2, now() FROM jsonb_to_recordset($1::jsonb) AS x("observationId" text, "priceIdr" bigint)
       ON CONFLICT (observation_id) DO UPDATE SET price_idr = EXCLUDED.price_idr, source = EXCLUDED.source, recorded_at = now()
         WHERE market_price_log.price_idr <> EXCLUDED.price_idr
       RETURNING observation_id`,
      [JSON.stringify(prices), source],
    )) as { observation_id: string }[];
    const fresh = new Set(changed.map((row) => row.observation_id));
    const toPublish = prices.filter((price) => fresh.has(price.observationId));
    await appendToOutbox(manager, this.events(toPublish, source));
    return { accepted: toPublish.length, unchanged: prices.length - toPublish.length };
  }

  /** One event per commodity and up to 1,000 prices, keyed by commodity. */
  private events(prices: MarketPrice[], source: 'rest' | 'csv') {
    const byCommodity = new Map<string, MarketPriceV1[]>();
    for (const price of prices) {
      const list = byCommodity.get(price.commodityCode) ?? [];
      list.push({
        observationId: price.observationId,
        market: price.market,
        priceIdr: price.priceIdr,
        observedAt: price.observedAt,
      });
      byCommodity.set(price.commodityCode, list);
    }
    return [...byCommodity].flatMap(([commodityCode, list]) => {
      const records = [];
      for (let i = 0; i < list.length; i += EVENT_BATCH) {
        const data = {
          commodityCode,
          level: 'consumer',
          region: 'jakarta',
          source,
          observations: list.slice(i, i + EVENT_BATCH),
        };
        records.push(
          toOutboxRecord(
            MarketPricesObserved,
            createEnvelope(MarketPricesObserved, {
              source: 'pricing',
              subject: commodityCode,
              data,
            }),
          ),
        );
      }
      return records;
    });
  }
}
