import {
  COMMODITY_PROFILES,
  type CommodityProfile,
  type DemandProfile,
  runsOn,
  SPIKE_CEILING_IDR,
  SPIKE_COMMODITY,
} from './commodity-profiles';
import { type MarketPrice, planPrices, type PricePlan } from './price-plan';
import { producersOf } from './producer-roster';
import { Prng } from './prng';

export interface OfferPlan {
  producerKey: string;
  commodityCode: string;
  amount: number;
  unit: string;
  unitPriceIdr: number;
  grade: string;
  productionAgeHours: number | null;
  availableHours: number;
}

export interface RequestPlan {
  buyerId: string;
  commodityCode: string;
  amount: number;
  unit: string;
  maxUnitPriceIdr: number;
  minGrade: string;
  destinationCode: string;
  deliverByHours: number;
  minShelfLifeHours?: number;
  /** The buyer cancels this request's order as soon as it is confirmed (while one is due). */
  cancelCandidate?: boolean;
}

export interface DayPlan {
  day: number;
  offers: OfferPlan[];
  requests: RequestPlan[];
  prices: MarketPrice[];
}

export interface ScenarioPlan {
  seed: number;
  days: DayPlan[];
  prices: PricePlan;
  ceilingIdr: number;
  /** Offered above the ceiling once it is set, and the request that would take it. */
  overCeiling: { offer: OfferPlan; request: RequestPlan };
  /** Share of one delivered line that Jakarta rejects. */
  rejectFraction: number;
  /** First simulated day on which the delayed truck, the cancellation and the rejection happen. */
  delayDay: number;
  cancelDay: number;
  rejectDay: number;
}

const CANCEL_COMMODITY = 'TOMATO';

/** The whole scenario from its seed, before any call is made: the same inputs, the same plan. */
export function planScenario(seed: number, days: number, rate: number, today: Date): ScenarioPlan {
  const root = new Prng(seed);
  const prices = planPrices(root.fork('prices'), days, today);
  const dayPlans = Array.from({ length: days }, (_, day) =>
    planDay(root.fork(`day-${day}`), day, rate, prices),
  );
  const special = root.fork('special');
  const overCeilingPrice = roundUp(SPIKE_CEILING_IDR * 1.2, 500);
  return {
    seed,
    days: dayPlans,
    prices,
    ceilingIdr: SPIKE_CEILING_IDR,
    overCeiling: {
      offer: overCeilingOffer(overCeilingPrice),
      request: blockedRequest(overCeilingPrice + 2_000),
    },
    rejectFraction: special.between(0.015, 0.035),
    delayDay: Math.min(1, days - 1),
    cancelDay: Math.min(1, days - 1),
    rejectDay: 0,
  };
}

function planDay(prng: Prng, day: number, rate: number, prices: PricePlan): DayPlan {
  const factor = (code: string) => (code === SPIKE_COMMODITY ? prices.farmGateFactors[day] : 1);
  const offers = COMMODITY_PROFILES.flatMap((profile) =>
    planOffers(prng.fork(`offers-${profile.code}`), profile, day, rate, factor(profile.code)),
  );
  const requests = COMMODITY_PROFILES.flatMap((profile) =>
    profile.demand
      .filter((demand) => runsOn(demand.days, day))
      .flatMap((demand) =>
        planRequests(
          prng.fork(`demand-${profile.code}`),
          profile,
          demand,
          rate,
          factor(profile.code),
        ),
      ),
  );
  return { day, offers, requests, prices: prices.days[day] };
}

function planOffers(
  prng: Prng,
  profile: CommodityProfile,
  day: number,
  rate: number,
  priceFactor: number,
): OfferPlan[] {
  const producers = producersOf(profile.code);
  const count = Math.max(1, Math.round(profile.offersPerDay * rate));
  return Array.from({ length: count }, (_, i) => ({
    producerKey: producers[(day * count + i) % producers.length].key,
    commodityCode: profile.code,
    amount: scaledAmount(prng, profile.offerAmount, profile.step, rate),
    unit: profile.unit,
    unitPriceIdr: roundUp(prng.stepped(...profile.producerPrice, 50) * priceFactor, 50),
    grade: prng.pick(profile.grades),
    productionAgeHours: profile.productionAgeHours,
    availableHours: profile.availableHours,
  }));
}

function planRequests(
  prng: Prng,
  profile: CommodityProfile,
  demand: DemandProfile,
  rate: number,
  priceFactor: number,
): RequestPlan[] {
  const count = Math.max(1, Math.round(rate));
  return Array.from({ length: count }, (_, i) => ({
    buyerId: demand.buyerId,
    commodityCode: profile.code,
    amount: scaledAmount(prng, demand.amount, profile.step, rate),
    unit: profile.unit,
    maxUnitPriceIdr: roundUp(demand.maxUnitPriceIdr * priceFactor, 500),
    minGrade: demand.minGrade,
    destinationCode: demand.destinationCode,
    deliverByHours: demand.deliverByHours,
    ...(demand.minShelfLifeHours ? { minShelfLifeHours: demand.minShelfLifeHours } : {}),
    ...(i === 0 && profile.code === CANCEL_COMMODITY ? { cancelCandidate: true } : {}),
  }));
}

/** Below rate 1 each lot shrinks too; above it there are more lots, never bigger ones. */
function scaledAmount(prng: Prng, [min, max]: [number, number], step: number, rate: number) {
  const drawn = prng.stepped(min, max, step);
  return rate >= 1 ? drawn : Math.max(step, Math.round((drawn * rate) / step) * step);
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

function overCeilingOffer(unitPriceIdr: number): OfferPlan {
  return {
    producerKey: 'chili-nglegok',
    commodityCode: SPIKE_COMMODITY,
    amount: 800,
    unit: 'kg',
    unitPriceIdr,
    grade: 'super',
    productionAgeHours: 2,
    availableHours: 36,
  };
}

function blockedRequest(maxUnitPriceIdr: number): RequestPlan {
  return {
    buyerId: 'pasar-jaya',
    commodityCode: SPIKE_COMMODITY,
    amount: 500,
    unit: 'kg',
    maxUnitPriceIdr,
    minGrade: 'super',
    destinationCode: 'PIKJ',
    deliverByHours: 48,
    minShelfLifeHours: 12,
  };
}
