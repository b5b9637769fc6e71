import { checkMarketPrice } from './market-price-row';

const today = '2026-09-10';
const row = {
  market: 'Pasar Induk Kramat Jati',
  commodity: 'CHILI_RED_CURLY',
  price: '48500',
  date: '2026-09-09',
};

describe('a market price row', () => {
  it('given a good row, then it becomes an observation keyed by market, commodity and day', () => {
    expect(checkMarketPrice(row, today)).toEqual({
      observationId: 'market:pasar-induk-kramat-jati:CHILI_RED_CURLY:2026-09-09',
      market: 'Pasar Induk Kramat Jati',
      commodityCode: 'CHILI_RED_CURLY',
      priceIdr: 48_500,
      observedAt: '2026-09-09T00:00:00.000Z',
    });
  });

  it.each([
    [{ market: ' ' }, 'market must be'],
    [{ market: 'Pasar\u0000Jaya' }, 'market must not contain control characters'],
    [{ commodity: 'cabai' }, 'commodity must be an upper-case code'],
    [{ price: '48.500,5' }, 'price must be a whole number'],
    [{ price: '-1' }, 'price must be a whole number'],
    [{ price: 'Rp 48.500' }, 'price must be a whole number'],
    [{ date: '09/09/2026' }, 'date must be a calendar date'],
    [{ date: '2026-02-30' }, 'date must be a calendar date'],
    [{ date: '2026-09-11' }, 'is in the future'],
  ])('refuses %j with a reason', (change, reason) => {
    expect(checkMarketPrice({ ...row, ...change }, today)).toEqual(expect.stringContaining(reason));
  });
});
