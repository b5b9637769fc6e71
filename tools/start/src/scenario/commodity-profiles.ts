/**
 * What the scenario trades, per commodity: Blitar supply, BUMD demand and the Jakarta retail
 * price it is watched at. Units and grades follow the catalog and orders seeds; buyers,
 * destinations and what each buys follow the orders migration (create-buyers). Prices are
 * rupiah per unit near the domain brief's references (producer HAP, consumer HET/HAP).
 */
export type DaySchedule = 'all' | 'even' | 'odd';

export interface DemandProfile {
  buyerId: 'food-station' | 'dharma-jaya' | 'pasar-jaya';
  destinationCode: string;
  amount: [number, number];
  maxUnitPriceIdr: number;
  minGrade: string;
  days: DaySchedule;
  deliverByHours: number;
  minShelfLifeHours?: number;
}

export interface CommodityProfile {
  code: string;
  unit: 'kg' | 'piece';
  /** Offers a day at rate 1, and each one's size range (multiples of `step`). */
  offersPerDay: number;
  offerAmount: [number, number];
  step: number;
  producerPrice: [number, number];
  grades: string[];
  /** Hours between production or harvest and the offer; null when it does not spoil. */
  productionAgeHours: number | null;
  availableHours: number;
  /** Jakarta retail price the market survey starts from; null when it is not surveyed. */
  consumerPriceIdr: number | null;
  demand: DemandProfile[];
  rejectionReason: string;
}

const HOURS = { twoDays: 48, threeDays: 72, fourDays: 96 };
const fresh = (hours: number) => ({ deliverByHours: hours, minShelfLifeHours: 12 });

export const COMMODITY_PROFILES: readonly CommodityProfile[] = [
  {
    code: 'EGG',
    unit: 'kg',
    offersPerDay: 4,
    offerAmount: [3_000, 6_000],
    step: 100,
    producerPrice: [25_900, 27_900],
    grades: ['large', 'medium'],
    productionAgeHours: 20,
    availableHours: 120,
    consumerPriceIdr: 28_800,
    demand: [
      {
        buyerId: 'food-station',
        destinationCode: 'FS-CIPINANG-WH',
        amount: [5_000, 8_000],
        maxUnitPriceIdr: 28_500,
        minGrade: 'medium',
        days: 'all',
        deliverByHours: HOURS.threeDays,
      },
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PIKJ',
        amount: [4_000, 7_000],
        maxUnitPriceIdr: 28_800,
        minGrade: 'medium',
        days: 'all',
        deliverByHours: HOURS.threeDays,
      },
    ],
    rejectionReason: 'cracked eggs',
  },
  {
    code: 'BROILER_CARCASS',
    unit: 'kg',
    offersPerDay: 2,
    offerAmount: [1_200, 2_500],
    step: 50,
    producerPrice: [33_000, 35_500],
    grades: ['standard'],
    productionAgeHours: 10,
    availableHours: 168,
    consumerPriceIdr: 37_500,
    demand: [
      {
        buyerId: 'food-station',
        destinationCode: 'FS-CIPINANG-WH',
        amount: [1_500, 2_500],
        maxUnitPriceIdr: 36_500,
        minGrade: 'standard',
        days: 'even',
        deliverByHours: HOURS.threeDays,
      },
      {
        buyerId: 'dharma-jaya',
        destinationCode: 'DJ-CAKUNG',
        amount: [1_500, 2_500],
        maxUnitPriceIdr: 36_500,
        minGrade: 'standard',
        days: 'odd',
        deliverByHours: HOURS.threeDays,
      },
    ],
    rejectionReason: 'cartons thawed on arrival',
  },
  {
    code: 'BEEF',
    unit: 'kg',
    offersPerDay: 1,
    offerAmount: [1_000, 2_000],
    step: 50,
    producerPrice: [98_000, 112_000],
    grades: ['hindquarter', 'forequarter'],
    productionAgeHours: 24,
    availableHours: 240,
    consumerPriceIdr: 132_000,
    demand: [
      {
        buyerId: 'dharma-jaya',
        destinationCode: 'DJ-CAKUNG',
        amount: [1_200, 2_000],
        maxUnitPriceIdr: 118_000,
        minGrade: 'forequarter',
        days: 'even',
        deliverByHours: HOURS.fourDays,
      },
    ],
    rejectionReason: 'cartons thawed on arrival',
  },
  {
    code: 'CHILI_RED_CURLY',
    unit: 'kg',
    offersPerDay: 3,
    offerAmount: [600, 1_500],
    step: 50,
    producerPrice: [24_000, 29_000],
    grades: ['1', '2'],
    productionAgeHours: 3,
    availableHours: 36,
    consumerPriceIdr: 45_000,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PIKJ',
        amount: [1_500, 2_500],
        maxUnitPriceIdr: 34_000,
        minGrade: '2',
        days: 'all',
        ...fresh(HOURS.twoDays),
      },
    ],
    rejectionReason: 'wilted chili',
  },
  {
    code: 'CHILI_CAYENNE_RED',
    unit: 'kg',
    offersPerDay: 2,
    offerAmount: [400, 900],
    step: 50,
    producerPrice: [26_000, 31_000],
    grades: ['1', '2'],
    productionAgeHours: 3,
    availableHours: 36,
    consumerPriceIdr: 48_000,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PIKJ',
        amount: [800, 1_500],
        maxUnitPriceIdr: 35_000,
        minGrade: '2',
        days: 'all',
        ...fresh(HOURS.twoDays),
      },
    ],
    rejectionReason: 'wilted chili',
  },
  {
    code: 'TOMATO',
    unit: 'kg',
    offersPerDay: 2,
    offerAmount: [800, 2_000],
    step: 50,
    producerPrice: [5_500, 7_500],
    grades: ['standard'],
    productionAgeHours: 6,
    availableHours: 72,
    consumerPriceIdr: 12_500,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PIKJ',
        amount: [1_500, 2_500],
        maxUnitPriceIdr: 8_500,
        minGrade: 'standard',
        days: 'all',
        deliverByHours: HOURS.twoDays,
      },
    ],
    rejectionReason: 'bruised tomatoes',
  },
  {
    code: 'CATFISH',
    unit: 'kg',
    offersPerDay: 2,
    offerAmount: [500, 1_200],
    step: 50,
    producerPrice: [19_000, 22_500],
    grades: ['standard'],
    productionAgeHours: 4,
    availableHours: 72,
    consumerPriceIdr: 27_000,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PIKJ',
        amount: [800, 1_500],
        maxUnitPriceIdr: 24_000,
        minGrade: 'standard',
        days: 'odd',
        deliverByHours: HOURS.twoDays,
      },
    ],
    rejectionReason: 'fish not kept on ice',
  },
  {
    code: 'COCONUT_SUGAR',
    unit: 'kg',
    offersPerDay: 1,
    offerAmount: [500, 1_000],
    step: 50,
    producerPrice: [17_000, 21_000],
    grades: ['standard'],
    productionAgeHours: 72,
    availableHours: 336,
    consumerPriceIdr: 32_000,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PJ-SENEN',
        amount: [400, 900],
        maxUnitPriceIdr: 23_000,
        minGrade: 'standard',
        days: 'odd',
        deliverByHours: HOURS.fourDays,
      },
    ],
    rejectionReason: 'wet sacks',
  },
  {
    code: 'DJEMBE',
    unit: 'piece',
    offersPerDay: 1,
    offerAmount: [30, 60],
    step: 1,
    producerPrice: [350_000, 600_000],
    grades: ['standard'],
    productionAgeHours: null,
    availableHours: 504,
    consumerPriceIdr: null,
    demand: [
      {
        buyerId: 'pasar-jaya',
        destinationCode: 'PJ-SENEN',
        amount: [20, 45],
        maxUnitPriceIdr: 650_000,
        minGrade: 'standard',
        days: 'even',
        deliverByHours: HOURS.fourDays,
      },
    ],
    rejectionReason: 'cracked drum shell',
  },
];

export const SPIKE_COMMODITY = 'CHILI_RED_CURLY';
/** Highest producer HAP of curly red chili (29,600) plus a hub margin: the operator's cap. */
export const SPIKE_CEILING_IDR = 32_000;

export function profileOf(code: string): CommodityProfile {
  const profile = COMMODITY_PROFILES.find((p) => p.code === code);
  if (!profile) throw new Error(`no scenario profile for ${code}`);
  return profile;
}

export function runsOn(days: DaySchedule, day: number): boolean {
  return days === 'all' || (days === 'even') === (day % 2 === 0);
}
