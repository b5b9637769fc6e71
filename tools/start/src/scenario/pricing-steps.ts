import type { MarketPrice } from './price-plan';
import type { ScenarioContext } from './scenario-context';
import { waitFor } from './wait-for';

const HIGH_TIERS = ['siaga', 'kritis'];
/** The series endpoint's longest reach: enough for 60 simulated days and their history. */
const SERIES_DAYS = 365;

interface SeriesPoint {
  day: string;
  meanIdr: number;
  observations: number;
}

export interface AlertView {
  alertId: string;
  rule: string;
  commodityCode: string;
  level: string;
  region: string;
  tier: string | null;
  status: string;
  message: string;
  raisedAt: string;
}

interface CeilingView {
  commodityCode: string;
  overrideIdr: number | null;
  publishedIdr: number | null;
}

/** Jakarta market prices as Info Pangan Jakarta would report them; all must be accepted. */
export async function postMarketPrices(
  ctx: ScenarioContext,
  prices: readonly MarketPrice[],
): Promise<void> {
  const result = await ctx.apis.pricing.post<{
    accepted: number;
    unchanged: number;
    rejected: { line: number; reason: string }[];
  }>('/market-prices', { observations: prices });
  if (result.rejected.length > 0) {
    const [first] = result.rejected;
    throw new Error(
      `scenario: pricing rejected ${result.rejected.length} market prices, e.g. line ${first.line}: ${first.reason}`,
    );
  }
}

/** Waits until pricing's series of `commodity` ends on `date` with the mean of these prices. */
export async function waitSeriesCurrent(
  ctx: ScenarioContext,
  commodity: string,
  prices: readonly MarketPrice[],
): Promise<void> {
  const own = prices.filter((p) => p.commodity === commodity);
  const date = own[0]?.date;
  if (!date) return;
  const mean = own.reduce((sum, p) => sum + p.price, 0) / own.length;
  await waitFor(
    `pricing's ${commodity} series showing ${date} (mean ${Math.round(mean)})`,
    async (note) => {
      // A rerun on the same database may have later days already: look the day up.
      const points = await ctx.apis.pricing.get<SeriesPoint[]>(
        `/prices/${commodity}/series?level=consumer&region=jakarta&days=${SERIES_DAYS}`,
      );
      const point = points.find((p) => p.day === date);
      if (point && Math.abs(point.meanIdr - mean) < 1) return true;
      note(point ? `${date} mean ${Math.round(point.meanIdr)}` : `no ${date} yet`);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
}

/** The tier of the open PRICE_RISE alert on the Jakarta consumer price, or null. */
export async function priceRiseTier(ctx: ScenarioContext, commodity: string) {
  const alerts = await ctx.apis.pricing.get<AlertView[]>(
    `/alerts?commodity=${commodity}&rule=PRICE_RISE&status=open&limit=10`,
  );
  const alert = alerts.find((a) => a.level === 'consumer' && a.region === 'jakarta');
  return alert?.tier ?? null;
}

/**
 * When the chili alert reaches siaga or kritis, the BTC operator caps the hub price with a
 * reason, and waits until pricing has published the ceiling that matching obeys.
 */
export async function capOnHighTier(ctx: ScenarioContext, day: number, tier: string | null) {
  if (ctx.state.ceiling || tier === null || !HIGH_TIERS.includes(tier)) return;
  const commodity = ctx.plan.overCeiling.offer.commodityCode;
  const unitPriceIdr = ctx.plan.ceilingIdr;
  await ctx.apis.pricing.put(`/ceilings/${commodity}`, {
    unitPriceIdr,
    reason: `PRICE_RISE ${tier} on ${commodity} in Jakarta: BTC caps the hub price (Dinas KPKP)`,
  });
  await waitFor(
    `pricing publishing the ${commodity} ceiling ${unitPriceIdr}`,
    async (note) => {
      const ceilings = await ctx.apis.pricing.get<CeilingView[]>('/ceilings');
      const ceiling = ceilings.find((c) => c.commodityCode === commodity);
      if (ceiling?.publishedIdr === unitPriceIdr) return true;
      note(`published ${ceiling?.publishedIdr ?? 'nothing'}`);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  ctx.state.ceiling = { day, tier, unitPriceIdr };
}
