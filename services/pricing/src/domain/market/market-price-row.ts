import { COMMODITY_CODE_PATTERN } from '@simpul/contracts';
/**
 * One retail price from a Jakarta market (a REST item or a CSV row), checked. Pure: "today"
 * is passed in. The id is the natural key (market, commodity, day), so the same row sent twice
 * is the same observation.
 */
export interface MarketPriceInput {
  market: unknown;
  commodity: unknown;
  price: unknown;
  date: unknown;
}

export interface MarketPrice {
  observationId: string;
  market: string;
  commodityCode: string;
  priceIdr: number;
  observedAt: string;
}

const CODE = COMMODITY_CODE_PATTERN;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PRICE = 1_000_000_000;

/** The price, or why the row is refused (one reason, the first that applies). */
export function checkMarketPrice(input: MarketPriceInput, today: string): MarketPrice | string {
  const market = typeof input.market === 'string' ? input.market.trim() : '';
  if (!market || market.length > 120) return 'market must be a name of 1 to 120 characters';
  // CSV cells skip request validation: PostgreSQL refuses NUL, and no name holds control characters.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(market)) return 'market must not contain control characters';
  const commodity = typeof input.commodity === 'string' ? input.commodity.trim() : '';
  if (!CODE.test(commodity))
    return `commodity must be an upper-case code such as CHILI_RED_CURLY, got "${String(input.commodity)}"`;
  const price = typeof input.price === 'string' ? Number(input.price.trim()) : input.price;
  if (typeof price !== 'number' || !Number.isInteger(price) || price <= 0 || price > MAX_PRICE) {
    return `price must be a whole number of rupiah above 0, got "${String(input.price)}"`;
  }
  const date = typeof input.date === 'string' ? input.date.trim() : '';
  if (
    !DAY.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    return `date must be a calendar date YYYY-MM-DD, got "${String(input.date)}"`;
  }
  if (date > today) return `date ${date} is in the future`;
  const slug = market
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    observationId: `market:${slug}:${commodity}:${date}`,
    market,
    commodityCode: commodity,
    priceIdr: price,
    observedAt: `${date}T00:00:00.000Z`,
  };
}
