import { reference } from './monitoring.fixtures';
import { referenceAt, referenceForSeries } from './reference-prices';

const JAN = Date.UTC(2025, 0, 1);
const MAR = Date.UTC(2025, 2, 1);
const JUN = Date.UTC(2025, 5, 1);

describe('referenceAt', () => {
  const old = reference({ maxIdr: 50_000, effectiveFrom: JAN, effectiveUntil: JUN });
  const newer = reference({ maxIdr: 52_000, effectiveFrom: MAR, effectiveUntil: null });

  it('given one reference, then it is in force from effectiveFrom inclusive to effectiveUntil exclusive', () => {
    expect(referenceAt([old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JAN - 1)).toBeNull();
    expect(referenceAt([old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JAN)).toBe(old);
    expect(referenceAt([old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JUN - 1)).toBe(old);
    expect(referenceAt([old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JUN)).toBeNull();
  });

  it('given two overlapping references, when both are in force, then the later effectiveFrom wins', () => {
    expect(referenceAt([newer, old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', MAR - 1)).toBe(old);
    expect(referenceAt([old, newer], 'CHILI_RED_CURLY', 'consumer', 'zone-1', MAR)).toBe(newer);
    expect(referenceAt([newer, old], 'CHILI_RED_CURLY', 'consumer', 'zone-1', MAR)).toBe(newer);
  });

  it('given references of other commodities, levels or zones, then they do not apply', () => {
    const prices = [
      reference({ commodityCode: 'EGG' }),
      reference({ level: 'producer' }),
      reference({ zone: 'zone-2' }),
    ];
    expect(referenceAt(prices, 'CHILI_RED_CURLY', 'consumer', 'zone-1', JAN)).toBeNull();
  });

  it('given a HET and a HAP from the same day, then the HET wins whatever the order', () => {
    const het = reference({ kind: 'HET', maxIdr: 60_000 });
    const hap = reference({ kind: 'HAP' });
    expect(referenceAt([hap, het], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JAN)).toBe(het);
    expect(referenceAt([het, hap], 'CHILI_RED_CURLY', 'consumer', 'zone-1', JAN)).toBe(het);
  });
});

describe('referenceForSeries', () => {
  const consumer = reference();
  const producer = reference({ level: 'producer', minIdr: 22_000, maxIdr: 29_600 });
  const key = { commodityCode: 'CHILI_RED_CURLY', region: 'jakarta' } as const;

  it('given a producer series in Blitar, then the zone-1 producer reference applies', () => {
    const found = referenceForSeries([consumer, producer], { ...key, level: 'producer' }, JAN);
    expect(found).toBe(producer);
  });

  it('given a wholesale series with no wholesale reference, then the consumer ceiling applies', () => {
    const found = referenceForSeries([consumer, producer], { ...key, level: 'wholesale' }, JAN);
    expect(found).toBe(consumer);
  });

  it('given a wholesale reference, then it is preferred over the consumer one', () => {
    const wholesale = reference({ level: 'wholesale', maxIdr: 45_000 });
    const found = referenceForSeries([consumer, wholesale], { ...key, level: 'wholesale' }, JAN);
    expect(found).toBe(wholesale);
  });
});
