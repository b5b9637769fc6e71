import { formatIdr, formatPercent, isAbove, percentChange } from './percent';

describe('percentChange', () => {
  it('given integer prices, then a 5% change is exactly 5, not 5.000000000000001', () => {
    expect(percentChange(100_000, 105_000)).toBe(5);
    expect(percentChange(26_500, 27_825)).toBe(5);
    expect(percentChange(35_700, 37_485)).toBe(5);
  });

  it('given a missing or zero base, then there is no change to state', () => {
    expect(percentChange(null, 1)).toBeNull();
    expect(percentChange(1, null)).toBeNull();
    expect(percentChange(0, 1)).toBeNull();
  });
});

describe('isAbove', () => {
  it('given a figure equal to the threshold up to float noise, then it is not above', () => {
    expect(isAbove(5, 5)).toBe(false);
    expect(isAbove(5.000000000000001, 5)).toBe(false);
    expect(isAbove(5.0001, 5)).toBe(true);
  });
});

describe('formatting for messages', () => {
  it('given percentages, then at most two decimals and no sign', () => {
    expect([12.4, 5.006, 20, -9.434].map(formatPercent)).toEqual(['12.4', '5.01', '20', '9.43']);
  });

  it('given rupiah, then whole rupiah with thousands separators', () => {
    expect([500, 26_500, 140_000, 1_234_567.6].map(formatIdr)).toEqual([
      '500',
      '26,500',
      '140,000',
      '1,234,568',
    ]);
  });
});
