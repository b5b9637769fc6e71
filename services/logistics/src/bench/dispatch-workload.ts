import {
  BLITAR_ROUTES,
  BLITAR_VEHICLES,
  kaBrantasDepartures,
} from '../domain/dispatch/blitar-fleet';
import { cargoOf } from '../domain/dispatch/cargo-profiles';
import type { LineToShip, PlanningInput, Vehicle } from '../domain/dispatch/dispatch-types';
import { Draw } from '@simpul/platform';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 07:00 WIB: the morning planning round at BTC. */
export const BENCH_NOW = Date.parse('2026-09-01T00:00:00Z');

interface Commodity {
  code: string;
  /** Share of the day's lines. */
  share: number;
  /** Trading units per line (kg, ekor or piece), drawn uniformly. */
  amount: [number, number];
  destinations: string[];
  /** Shelf life from harvest, laying or slaughter; null for goods that do not spoil. */
  shelfDays: number | null;
  /** How long before being ready at BTC the clock of that shelf life started, in hours. */
  ageHours: [number, number];
  minShelfHours: number;
}

const FS = ['FS-CIPINANG-WH'];
const PASAR_JAYA = ['PIKJ', 'PJ-SENEN'];
const DHARMA_JAYA = ['DJ-CAKUNG', 'DJ-PULOGADUNG'];

type Row = [
  code: string,
  share: number,
  amount: [number, number],
  destinations: string[],
  shelfDays: number | null,
  ageHours: [number, number],
  minShelfHours: number,
];

/** A day of UMKM lines matched to the three BUMDs: eggs dominate, as in Blitar's output. */
// prettier-ignore
const ROWS: Row[] = [
  ['EGG',               39, [15, 120], [...FS, ...PASAR_JAYA],  14,   [24, 192], 120],
  ['CHILI_RED_CURLY',    8, [10, 80],  PASAR_JAYA,              2,    [0, 12],   12],
  ['CHILI_CAYENNE_RED',  5, [10, 80],  PASAR_JAYA,              2,    [0, 12],   12],
  ['TOMATO',             6, [20, 150], ['PIKJ'],                7,    [0, 24],   48],
  ['SHALLOT',            4, [20, 200], PASAR_JAYA,              30,   [24, 240], 72],
  ['BROILER_CARCASS',    6, [30, 200], [...DHARMA_JAYA, ...FS], 180,  [12, 240], 720],
  ['BEEF',               3, [30, 250], DHARMA_JAYA,             365,  [24, 720], 2_160],
  ['CATTLE_LIVE',      0.5, [1, 3],    ['DJ-CAKUNG'],           null, [0, 0],    0],
  ['CATFISH',            4, [20, 150], PASAR_JAYA,              12,   [0, 48],   120],
  ['TILAPIA',            2, [20, 150], PASAR_JAYA,              12,   [0, 48],   120],
  ['RICE_PREMIUM',       4, [50, 400], ['PIBC', ...FS],         180,  [24, 720], 2_160],
  ['RICE_MEDIUM',        5, [50, 400], ['PIBC', ...FS],         180,  [24, 720], 2_160],
  ['SUGAR',              2, [50, 400], FS,                      730,  [24, 720], 4_320],
  ['GARLIC',             2, [20, 150], FS,                      90,   [24, 480], 720],
  ['COCONUT_SUGAR',      3, [10, 100], PASAR_JAYA,              365,  [24, 720], 2_160],
  ['SAMBAL_PECEL',       2, [5, 50],   PASAR_JAYA,              90,   [24, 480], 720],
  ['DJEMBE',             1, [2, 20],   ['PJ-SENEN'],            null, [0, 0],    0],
];

const MIX: Commodity[] = ROWS.map(
  ([code, share, amount, destinations, shelfDays, ageHours, minShelfHours]) => ({
    code,
    share,
    amount,
    destinations,
    shelfDays,
    ageHours,
    minShelfHours,
  }),
);

const BUYER_OF: Record<string, string> = {
  PIBC: 'food-station',
  'FS-CIPINANG-WH': 'food-station',
  'DJ-CAKUNG': 'dharma-jaya',
  'DJ-PULOGADUNG': 'dharma-jaya',
  PIKJ: 'pasar-jaya',
  'PJ-SENEN': 'pasar-jaya',
};

/** One line: ready at BTC between 01:00 and 19:00 WIB, due 22 to 72 hours after that. */
function orderLine(draw: Draw, index: number): LineToShip {
  const commodity = draw.weighted(MIX);
  const amount = draw.integer(...commodity.amount);
  const cargo = cargoOf(commodity.code, amount);
  if (!cargo) throw new Error(`no cargo profile for ${commodity.code}`);
  const destinationCode = draw.pick(commodity.destinations);
  const readyAt = BENCH_NOW + Math.round(draw.uniform(-6, 12) * 4) * (HOUR / 4);
  const started = readyAt - Math.round(draw.uniform(...commodity.ageHours)) * HOUR;
  const id = String(index).padStart(5, '0');
  return {
    orderId: `order-${String(Math.floor(index / 3)).padStart(5, '0')}`,
    allocationId: `alloc-${id}`,
    buyerId: BUYER_OF[destinationCode],
    destinationCode,
    commodityCode: commodity.code,
    ...cargo,
    readyAt,
    deliverBy: readyAt + Math.round(draw.uniform(22, 72)) * HOUR,
    bestBefore: commodity.shelfDays === null ? null : started + commodity.shelfDays * DAY,
    minShelfLifeHoursOnArrival: commodity.minShelfHours,
  };
}

/** Most trucks are at BTC; some are on their way back from Jakarta; a few are on a trip. */
function fleetState(draw: Draw): Vehicle[] {
  return BLITAR_VEHICLES.map((spec) => {
    const state = draw.uniform(0, 1);
    const availableFrom =
      state < 0.7 ? BENCH_NOW : state < 0.9 ? BENCH_NOW + draw.integer(2, 16) * HOUR : null;
    return { ...spec, availableFrom };
  });
}

/** A planning round over a day of `lines` order lines and the seeded fleet. */
export function dispatchDay(lines: number, seed: number): PlanningInput {
  const draw = new Draw(seed);
  return {
    now: BENCH_NOW,
    lines: Array.from({ length: lines }, (_, i) => orderLine(draw, i)),
    vehicles: fleetState(draw),
    routes: BLITAR_ROUTES,
    railDepartures: kaBrantasDepartures(BENCH_NOW, 3),
    loadingHours: 2,
  };
}
