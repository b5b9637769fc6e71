import { COMMODITY_PROFILES, SPIKE_COMMODITY } from './commodity-profiles';
import type { Prng } from './prng';

/** Jakarta markets surveyed every day, and how each one's prices sit against the mean. */
export const MARKETS = [
  'Pasar Induk Kramat Jati',
  'Pasar Senen',
  'Pasar Minggu',
  'Pasar Jatinegara',
] as const;
const MARKET_OFFSETS = [-0.02, 0.005, 0.015, 0];
/** Days of prices before the first simulated day, so the 7-day rise has a baseline. */
export const HISTORY_DAYS = 14;
/** Daily wobble of one market's price, either way. */
const WOBBLE = 0.012;
/** Rises of the spike's daily mean over the previous 7 days: just past 5, 8, 12 and 20 %. */
const SPIKE_RISES = [0.065, 0.105, 0.155, 0.26];
const EASING = 0.92;
/** How much of the Jakarta rise reaches the producer price at Blitar. */
const FARM_GATE_SHARE = 0.7;
const DAY_MS = 86_400_000;

export interface MarketPrice {
  market: string;
  commodity: string;
  price: number;
  date: string;
}

export interface SpikeSchedule {
  startDay: number;
  rises: number[];
}

export interface PricePlan {
  history: MarketPrice[];
  /** Prices of each simulated day. */
  days: MarketPrice[][];
  /** Mean of the markets' prices of the spike commodity on each simulated day. */
  spikeMeans: number[];
  /** Producer price factor of the spike commodity on each simulated day (1 = normal). */
  farmGateFactors: number[];
  spike: SpikeSchedule;
}

/** The spike ends on the last day, or runs its four rises and eases after. */
export function spikeSchedule(days: number): SpikeSchedule {
  const startDay = days >= 3 ? 1 : 0;
  const room = Math.min(SPIKE_RISES.length, days - startDay);
  if (room >= 3) return { startDay, rises: SPIKE_RISES.slice(0, room) };
  return { startDay, rises: room === 2 ? [SPIKE_RISES[1], SPIKE_RISES[2]] : [SPIKE_RISES[2]] };
}

/** Simulated day d of D is calendar day today − (D − 1 − d); history days come before. */
export function calendarDate(today: Date, days: number, index: number): string {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(midnight - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10);
}

export function planPrices(prng: Prng, days: number, today: Date): PricePlan {
  const spike = spikeSchedule(days);
  const timeline = Array.from({ length: HISTORY_DAYS + days }, (_, i) => i - HISTORY_DAYS);
  const perDay = timeline.map(() => [] as MarketPrice[]);
  const spikeMeans: number[] = [];
  for (const profile of COMMODITY_PROFILES) {
    const base = profile.consumerPriceIdr;
    if (base === null) continue;
    const means: number[] = [];
    timeline.forEach((day, i) => {
      const date = calendarDate(today, days, day);
      const target = profile.code === SPIKE_COMMODITY ? spikeTarget(day, means, spike) : null;
      const prices = MARKETS.map((market, m) => ({
        market,
        commodity: profile.code,
        price: marketPrice(prng, base, target, m),
        date,
      }));
      means.push(prices.reduce((sum, p) => sum + p.price, 0) / prices.length);
      perDay[i].push(...prices);
    });
    if (profile.code === SPIKE_COMMODITY) spikeMeans.push(...means.slice(HISTORY_DAYS));
  }
  const base = COMMODITY_PROFILES.find((p) => p.code === SPIKE_COMMODITY)?.consumerPriceIdr ?? 1;
  return {
    history: perDay.slice(0, HISTORY_DAYS).flat(),
    days: perDay.slice(HISTORY_DAYS),
    spikeMeans,
    farmGateFactors: spikeMeans.map((mean) => 1 + FARM_GATE_SHARE * Math.max(0, mean / base - 1)),
    spike,
  };
}

/** The day's mean on a spike or easing day, from the means before it; null on ordinary days. */
function spikeTarget(day: number, means: number[], spike: SpikeSchedule): number | null {
  const step = day - spike.startDay;
  if (step < 0) return null;
  if (step >= spike.rises.length) return (means.at(-1) as number) * EASING;
  const week = means.slice(-7);
  return (week.reduce((sum, m) => sum + m, 0) / week.length) * (1 + spike.rises[step]);
}

/** Spike days follow the target exactly (offsets cancel out); other days wobble around base. */
function marketPrice(prng: Prng, base: number, target: number | null, market: number): number {
  const wobble = prng.between(-WOBBLE, WOBBLE);
  if (target !== null) return Math.round((target * (1 + MARKET_OFFSETS[market])) / 50) * 50;
  return Math.round((base * (1 + MARKET_OFFSETS[market] + wobble)) / 50) * 50;
}
