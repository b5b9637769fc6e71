import { COMMODITY_PROFILES, SPIKE_COMMODITY } from './commodity-profiles';
import { planScenario } from './day-plan';
import { formatSummary } from './format-summary';
import { HISTORY_DAYS, MARKETS } from './price-plan';
import type { ScenarioSummary } from './scenario-types';

const TODAY = new Date('2026-03-10T08:00:00Z');
const meanOf = (prices: { price: number }[]) =>
  prices.reduce((sum, p) => sum + p.price, 0) / prices.length;

describe('planScenario', () => {
  it('given the same seed, then the same plan; given another seed, then another', () => {
    expect(planScenario(7, 4, 1, TODAY)).toEqual(planScenario(7, 4, 1, TODAY));
    expect(planScenario(8, 4, 1, TODAY).days[0].offers).not.toEqual(
      planScenario(7, 4, 1, TODAY).days[0].offers,
    );
  });

  it('given 4 days, then market prices run from two weeks before up to today, never later', () => {
    const plan = planScenario(7, 4, 1, TODAY);
    const dates = [...plan.prices.history, ...plan.days.flatMap((d) => d.prices)].map(
      (p) => p.date,
    );
    expect(dates[0]).toBe('2026-02-21');
    expect(dates.at(-1)).toBe('2026-03-10');
    expect(new Set(dates).size).toBe(HISTORY_DAYS + 4);
    expect(plan.days[3].prices).toHaveLength(MARKETS.length * 8);
  });

  it('given 4 days, then the chili mean rises past 5, 8 and 12 % over the 7 days before', () => {
    const plan = planScenario(7, 4, 1, TODAY);
    const chili = [plan.prices.history, ...plan.days.map((d) => d.prices)]
      .flat()
      .filter((p) => p.commodity === SPIKE_COMMODITY);
    const means = [...new Set(chili.map((p) => p.date))].map((date) =>
      meanOf(chili.filter((p) => p.date === date)),
    );
    const rise = (i: number) =>
      (means[i] / meanOf(means.slice(i - 7, i).map((price) => ({ price }))) - 1) * 100;
    const last = means.length - 1;
    expect(rise(last - 3)).toBeLessThan(5);
    expect([rise(last - 2), rise(last - 1), rise(last)].map(Math.floor)).toEqual([6, 10, 15]);
  });

  it('given rate 2, then twice the offers and requests, in lots no bigger than at rate 1', () => {
    const one = planScenario(7, 2, 1, TODAY).days.flatMap((d) => d.offers);
    const two = planScenario(7, 2, 2, TODAY).days.flatMap((d) => d.offers);
    expect(two.length).toBe(one.length * 2);
    for (const offer of two) {
      const profile = COMMODITY_PROFILES.find((p) => p.code === offer.commodityCode);
      expect(offer.amount).toBeLessThanOrEqual(profile?.offerAmount[1] ?? 0);
      expect(profile?.grades).toContain(offer.grade);
    }
  });

  it('given any day, then one tomato request is the cancellation candidate', () => {
    const plan = planScenario(7, 3, 1, TODAY);
    for (const day of plan.days)
      expect(day.requests.filter((r) => r.cancelCandidate).map((r) => r.commodityCode)).toEqual([
        'TOMATO',
      ]);
  });
});

describe('formatSummary', () => {
  it('shows the figures and marks each check', () => {
    const summary = {
      days: 2,
      seed: 7,
      offers: 30,
      requests: 12,
      orders: 11,
      fillRate: 0.9,
      shipments: { planned: 8, delivered: 8, failed: 0, onTime: 8, late: 0, delayed: 1 },
      onTimeRate: 1,
      alertsByTier: { siaga: 1 },
      alertsByRule: { PRICE_RISE: 1 },
      cancellations: 1,
      rejectedLines: 1,
      commodities: [
        {
          commodityCode: 'EGG',
          unit: 'kg',
          offeredKg: 20_000,
          requestedKg: 10_000,
          matchedKg: 9_000,
          priceCvPercent: 1.25,
        },
      ],
      closedOrders: 10,
      chartered: 0,
      priceSpike: {
        commodityCode: 'CHILI_RED_CURLY',
        tiersSeen: [null, 'siaga'],
        ceilingIdr: 32_000,
        ceilingDay: 1,
        overCeilingOfferId: 'x',
        overCeilingAllocated: 0,
        blockedRequestReasons: ['PRICE_ABOVE_CEILING: no offer within ceiling 32,000'],
      },
      chain: null,
      checks: [
        { name: 'matched ≤ offered', ok: true, detail: '30 offers' },
        { name: 'every shipped line traces to an order', ok: false, detail: '1 wrong' },
      ],
    } satisfies ScenarioSummary;
    const text = formatSummary(summary);
    expect(text).toMatch(/EGG\s+kg\s+20,000\s+10,000\s+9,000\s+90%\s+1\.3%/);
    expect(text).toContain('fill rate 90.0%');
    expect(text).toContain(
      '– → siaga; ceiling Rp 32,000 set on day 2; over-ceiling offer not matched',
    );
    expect(text).toContain('✓ matched ≤ offered — 30 offers');
    expect(text).toContain('✗ every shipped line traces to an order — 1 wrong');
  });
});
