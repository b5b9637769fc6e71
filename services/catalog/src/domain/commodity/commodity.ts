import type { Unit } from '../offer/supply-offer';

export const COMMODITY_CATEGORIES = [
  'pertanian',
  'peternakan',
  'perikanan',
  'olahan',
  'kerajinan',
] as const;
export type CommodityCategory = (typeof COMMODITY_CATEGORIES)[number];

export const TEMPERATURE_CLASSES = ['ambient', 'chilled', 'frozen', 'live'] as const;
export type TemperatureClass = (typeof TEMPERATURE_CLASSES)[number];

export const CERTIFICATES = ['halal', 'nkv'] as const;
export type Certificate = (typeof CERTIFICATES)[number];

/** A tradeable product of the reference list (see the domain brief). */
export interface Commodity {
  code: string;
  nameId: string;
  nameEn: string;
  category: CommodityCategory;
  /** The unit offers and requests of this commodity are quantified in. */
  unit: Unit;
  temperatureClass: TemperatureClass;
  /** Days from production or harvest; null when it does not spoil (live animals, crafts). */
  shelfLifeDays: number | null;
  /** Grades from best to worst; an offer's grade must be one of them. */
  grades: string[];
  requiredCertificates: Certificate[];
}

export type CommodityMismatch = 'UNIT_MISMATCH' | 'GRADE_UNKNOWN';

/** Why an offer's unit or grade does not fit its commodity, or null when it fits. */
export function offerMismatch(
  commodity: Commodity,
  unit: string,
  grade: string,
): { rule: CommodityMismatch; message: string } | null {
  if (unit !== commodity.unit) {
    return {
      rule: 'UNIT_MISMATCH',
      message: `${commodity.code} is traded in ${commodity.unit}, not ${unit}`,
    };
  }
  if (!commodity.grades.includes(grade)) {
    return {
      rule: 'GRADE_UNKNOWN',
      message: `${commodity.code} grades are ${commodity.grades.join(', ')}; got "${grade}"`,
    };
  }
  return null;
}
