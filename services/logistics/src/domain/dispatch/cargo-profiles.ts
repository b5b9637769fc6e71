import type { TemperatureClass } from './dispatch-types';

export interface CargoProfile {
  temperatureClass: TemperatureClass;
  /** The commodity's trading unit, as in the catalog. */
  unit: 'kg' | 'ekor' | 'piece';
  /** Shipped weight of one trading unit, packaging included. */
  kgPerUnit: number;
  /** Loaded volume per shipped kg, packaging and stowage gaps included. */
  m3PerKg: number;
}

export interface Cargo {
  temperatureClass: TemperatureClass;
  weightKg: number;
  volumeM3: number;
}

const kg = (temperatureClass: TemperatureClass, m3PerKg: number): CargoProfile => ({
  temperatureClass,
  unit: 'kg',
  kgPerUnit: 1,
  m3PerKg,
});

/**
 * Per commodity code of the catalog. Volumes are estimates, not measurements: eggs in 30-egg
 * trays in cartons, rice and sugar in 50 kg sacks, chili in ventilated crates, frozen meat in
 * cartons, fish on ice in insulated boxes, cattle standing on an open deck, koi in oxygen bags.
 */
export const CARGO_PROFILES: Readonly<Record<string, CargoProfile>> = {
  EGG: kg('ambient', 0.0028),
  BROILER_CARCASS: kg('frozen', 0.0022),
  BEEF: kg('frozen', 0.0018),
  CATTLE_LIVE: { temperatureClass: 'live', unit: 'ekor', kgPerUnit: 400, m3PerKg: 0.006 },
  RICE_PREMIUM: kg('ambient', 0.0014),
  RICE_MEDIUM: kg('ambient', 0.0014),
  CHILI_RED_CURLY: kg('ambient', 0.005),
  CHILI_CAYENNE_RED: kg('ambient', 0.005),
  SHALLOT: kg('ambient', 0.0025),
  GARLIC: kg('ambient', 0.0025),
  TOMATO: kg('ambient', 0.0035),
  CATFISH: kg('chilled', 0.003),
  TILAPIA: kg('chilled', 0.003),
  // Weight of one fish with its water-filled oxygen bag.
  KOI: { temperatureClass: 'live', unit: 'ekor', kgPerUnit: 2, m3PerKg: 0.01 },
  SUGAR: kg('ambient', 0.0014),
  COCONUT_SUGAR: kg('ambient', 0.0018),
  SAMBAL_PECEL: kg('ambient', 0.002),
  DJEMBE: { temperatureClass: 'ambient', unit: 'piece', kgPerUnit: 6, m3PerKg: 0.01 },
};

/** Rounded to grams and tenths of a litre so that sums stay readable. */
const round = (value: number, perUnit: number) => Math.round(value * perUnit) / perUnit;

/**
 * What `amount` trading units of a commodity weigh and take up, and how they must travel;
 * null for a commodity without a profile.
 */
export function cargoOf(commodityCode: string, amount: number): Cargo | null {
  const profile = Object.hasOwn(CARGO_PROFILES, commodityCode)
    ? CARGO_PROFILES[commodityCode]
    : undefined;
  if (!profile) return null;
  const weightKg = amount * profile.kgPerUnit;
  return {
    temperatureClass: profile.temperatureClass,
    weightKg: round(weightKg, 1_000),
    volumeM3: round(weightKg * profile.m3PerKg, 10_000),
  };
}
