import type { PriceLevel, ReferenceKind, ReferencePrice } from './pricing-types';

/*
 * Reference prices from the domain brief (Badan Pangan Nasional), zone 1. Regulation numbers are
 * not cited where they were not verified; rows without a known start date start on 2024-01-01.
 */

const SINCE_2024 = Date.UTC(2024, 0, 1);
/** The August 2025 medium-rice HET change: 12,500 → 13,500 from this day. */
export const RICE_MEDIUM_HET_CHANGE = Date.UTC(2025, 7, 22);

const HET = 'Bapanas HET (per domain brief)';
const HAP = 'Bapanas HAP (per domain brief)';

interface Row {
  code: string;
  kind: ReferenceKind;
  level: PriceLevel;
  min: number;
  max?: number;
  unit?: string;
  from?: number;
  until?: number;
  regulation?: string;
}

function toReference(row: Row): ReferencePrice {
  return {
    commodityCode: row.code,
    kind: row.kind,
    level: row.level,
    zone: 'zone-1',
    minIdr: row.min,
    maxIdr: row.max ?? row.min,
    unit: row.unit ?? 'kg',
    effectiveFrom: row.from ?? SINCE_2024,
    effectiveUntil: row.until ?? null,
    regulation: row.regulation ?? (row.kind === 'HET' ? HET : HAP),
  };
}

const ROWS: Row[] = [
  {
    code: 'RICE_MEDIUM',
    kind: 'HET',
    level: 'consumer',
    min: 12_500,
    until: RICE_MEDIUM_HET_CHANGE,
  },
  {
    code: 'RICE_MEDIUM',
    kind: 'HET',
    level: 'consumer',
    min: 13_500,
    from: RICE_MEDIUM_HET_CHANGE,
    regulation: 'Bapanas HET, revised 22 Aug 2025 (per domain brief)',
  },
  { code: 'RICE_PREMIUM', kind: 'HET', level: 'consumer', min: 14_900 },
  { code: 'EGG', kind: 'HAP', level: 'producer', min: 26_500 },
  { code: 'EGG', kind: 'HAP', level: 'consumer', min: 30_000 },
  // The producer HAP is for the live bird, the consumer one for the carcass: two commodities.
  // The catalog has no live broiler yet; BROILER_LIVE mirrors CATTLE_LIVE.
  { code: 'BROILER_LIVE', kind: 'HAP', level: 'producer', min: 25_000 },
  { code: 'BROILER_CARCASS', kind: 'HAP', level: 'consumer', min: 40_000 },
  { code: 'SHALLOT', kind: 'HAP', level: 'producer', min: 18_500, max: 32_000 },
  { code: 'SHALLOT', kind: 'HAP', level: 'consumer', min: 36_500, max: 41_500 },
  { code: 'CHILI_RED_CURLY', kind: 'HAP', level: 'producer', min: 22_000, max: 29_600 },
  { code: 'CHILI_RED_CURLY', kind: 'HAP', level: 'consumer', min: 37_000, max: 55_000 },
  { code: 'CHILI_CAYENNE_RED', kind: 'HAP', level: 'producer', min: 25_000, max: 31_500 },
  { code: 'CHILI_CAYENNE_RED', kind: 'HAP', level: 'consumer', min: 40_000, max: 57_000 },
  { code: 'CATTLE_LIVE', kind: 'HAP', level: 'producer', min: 56_000, max: 58_000 },
  // Frozen beef 105,000 up to hindquarter 140,000 (chilled forequarter 130,000) as one band.
  { code: 'BEEF', kind: 'HAP', level: 'consumer', min: 105_000, max: 140_000 },
  { code: 'SUGAR', kind: 'HAP', level: 'producer', min: 14_500 },
  { code: 'SUGAR', kind: 'HAP', level: 'consumer', min: 17_500 },
  {
    code: 'GARLIC',
    kind: 'HAP',
    level: 'consumer',
    min: 38_000,
    regulation: 'Bapanas HAP (per domain brief, unverified)',
  },
  {
    code: 'COOKING_OIL',
    kind: 'HET',
    level: 'consumer',
    min: 15_700,
    unit: 'litre',
    regulation: 'HET Minyakita (per domain brief)',
  },
];

export const REFERENCE_PRICE_SEED: readonly ReferencePrice[] = ROWS.map(toReference);
