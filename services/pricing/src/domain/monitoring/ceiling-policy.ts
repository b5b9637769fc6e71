import type { Instant, ReferenceKind, ReferencePrice } from './pricing-types';
import { referencesInForce, ZONE_OF_REGION } from './reference-prices';

/** The ceiling the regulations give a commodity: the consumer reference in force. */
export interface DerivedCeiling {
  commodityCode: string;
  unitPriceIdr: number;
  unit: string;
  kind: ReferenceKind;
  /** The regulation it comes from. */
  reference: string;
  effectiveFrom: Instant;
}

export interface CeilingOverride {
  unitPriceIdr: number;
  reason: string;
}

/** The ceiling matching obeys, and where it comes from. */
export interface EffectiveCeiling {
  unitPriceIdr: number;
  source: 'reference' | 'override';
  /** The regulation, or the operator's recorded reason. */
  reference: string;
}

/**
 * The consumer-level reference in force at `at` (the top of its band), HET before HAP when both
 * exist: HET is the legal maximum, HAP only a guide. Null when the commodity has none. Matching
 * serves Jakarta buyers, hence zone 1 by default.
 */
export function derivedCeiling(
  references: readonly ReferencePrice[],
  commodityCode: string,
  at: Instant,
  zone: string = ZONE_OF_REGION.jakarta,
): DerivedCeiling | null {
  const inForce = referencesInForce(references, commodityCode, 'consumer', zone, at);
  const chosen = inForce.find((r) => r.kind === 'HET') ?? inForce[0];
  if (chosen === undefined) return null;
  return {
    commodityCode,
    unitPriceIdr: chosen.maxIdr,
    unit: chosen.unit,
    kind: chosen.kind,
    reference: chosen.regulation,
    effectiveFrom: chosen.effectiveFrom,
  };
}

/**
 * An operator override wins over the derived ceiling, above or below it: operators act on what
 * the regulations do not yet say (a new decree, a local emergency). The reason travels with it.
 */
export function effectiveCeiling(
  derived: DerivedCeiling | null,
  override: CeilingOverride | null,
): EffectiveCeiling | null {
  if (override !== null) {
    return { unitPriceIdr: override.unitPriceIdr, source: 'override', reference: override.reason };
  }
  if (derived === null) return null;
  return { unitPriceIdr: derived.unitPriceIdr, source: 'reference', reference: derived.reference };
}
