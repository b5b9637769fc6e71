import { restingOfferFrom } from './resting-offer';

describe('restingOfferFrom', () => {
  it('given a published chili offer, then all of it rests unallocated in the book', () => {
    const offer = restingOfferFrom({
      offerId: '0193a000-0000-7000-8000-000000000002',
      producerId: '0193a000-0000-7000-8000-0000000000bb',
      commodityCode: 'CHILI_RED_CURLY',
      quantity: { amount: 250.5, unit: 'kg' },
      unitPriceIdr: 29600,
      grade: 'super',
      availableFrom: '2026-12-01T00:00:00.000Z',
      availableUntil: '2026-12-03T00:00:00.000Z',
      originHub: 'BTC-BLITAR',
    });
    expect(offer.offeredAmount).toBe(250.5);
    expect(offer.remainingAmount).toBe(250.5);
    expect(offer.availableUntil.toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });
});
