import { derivedCeiling, effectiveCeiling } from './ceiling-policy';
import { reference } from './monitoring.fixtures';
import { REFERENCE_PRICE_SEED } from './reference-price.seed';

const JUN_2025 = Date.UTC(2025, 5, 1);

describe('derivedCeiling', () => {
  it('given the seed, then medium rice is capped by its HET, 13,500 from 22 August 2025', () => {
    expect(
      derivedCeiling(REFERENCE_PRICE_SEED, 'RICE_MEDIUM', Date.UTC(2025, 7, 21))?.unitPriceIdr,
    ).toBe(12_500);
    expect(derivedCeiling(REFERENCE_PRICE_SEED, 'RICE_MEDIUM', Date.UTC(2025, 7, 22))).toEqual({
      commodityCode: 'RICE_MEDIUM',
      unitPriceIdr: 13_500,
      unit: 'kg',
      kind: 'HET',
      reference: 'Bapanas HET, revised 22 Aug 2025 (per domain brief)',
      effectiveFrom: Date.UTC(2025, 7, 22),
    });
  });

  it('given a consumer band, then the ceiling is its top', () => {
    expect(derivedCeiling(REFERENCE_PRICE_SEED, 'BEEF', JUN_2025)?.unitPriceIdr).toBe(140_000);
    expect(derivedCeiling(REFERENCE_PRICE_SEED, 'CHILI_RED_CURLY', JUN_2025)?.unitPriceIdr).toBe(
      55_000,
    );
  });

  it('given only a producer reference, then there is no ceiling', () => {
    expect(derivedCeiling(REFERENCE_PRICE_SEED, 'CATTLE_LIVE', JUN_2025)).toBeNull();
    expect(derivedCeiling(REFERENCE_PRICE_SEED, 'KOI', JUN_2025)).toBeNull();
  });

  it('given a HET and a newer HAP in force together, then the HET is the ceiling', () => {
    const het = reference({ kind: 'HET', maxIdr: 50_000, regulation: 'het' });
    const hap = reference({ kind: 'HAP', maxIdr: 45_000, effectiveFrom: Date.UTC(2025, 0, 1) });
    expect(derivedCeiling([hap, het], 'CHILI_RED_CURLY', JUN_2025)?.unitPriceIdr).toBe(50_000);
  });

  it('given a reference of another zone only, then the zone-1 ceiling is absent', () => {
    const zone3 = reference({ zone: 'zone-3' });
    expect(derivedCeiling([zone3], 'CHILI_RED_CURLY', JUN_2025)).toBeNull();
    expect(derivedCeiling([zone3], 'CHILI_RED_CURLY', JUN_2025, 'zone-3')?.unitPriceIdr).toBe(
      55_000,
    );
  });
});

describe('effectiveCeiling', () => {
  const derived = derivedCeiling(REFERENCE_PRICE_SEED, 'EGG', JUN_2025);

  it('given no override, then the derived ceiling applies with its regulation', () => {
    expect(effectiveCeiling(derived, null)).toEqual({
      unitPriceIdr: 30_000,
      source: 'reference',
      reference: 'Bapanas HAP (per domain brief)',
    });
  });

  it('given an operator override, then it wins, above or below the derived ceiling', () => {
    const lower = { unitPriceIdr: 28_000, reason: 'Ramadan price stabilisation' };
    const higher = { unitPriceIdr: 32_000, reason: 'feed cost decree pending' };
    expect(effectiveCeiling(derived, lower)).toEqual({
      unitPriceIdr: 28_000,
      source: 'override',
      reference: 'Ramadan price stabilisation',
    });
    expect(effectiveCeiling(derived, higher)?.unitPriceIdr).toBe(32_000);
  });

  it('given an override for a commodity without a reference, then it still applies', () => {
    const override = { unitPriceIdr: 60_000, reason: 'local market agreement' };
    expect(effectiveCeiling(null, override)?.source).toBe('override');
  });

  it('given neither, then there is no ceiling', () => {
    expect(effectiveCeiling(null, null)).toBeNull();
  });
});
