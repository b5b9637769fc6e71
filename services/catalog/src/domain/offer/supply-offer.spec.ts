import {
  allocate,
  OfferRuleViolation,
  publishOffer,
  type PublishOfferInput,
  release,
  withdraw,
  expireIfDue,
  changeOffer,
  publishDraft,
} from './supply-offer';

const now = new Date('2026-11-28T00:00:00Z');
const eggs: PublishOfferInput = {
  id: '0193a000-0000-7000-8000-000000000001',
  producerId: '0193a000-0000-7000-8000-0000000000aa',
  commodityCode: 'EGG',
  quantity: { amount: 1000, unit: 'kg' },
  unitPriceIdr: 26500,
  grade: 'medium',
  availableFrom: new Date('2026-11-29T00:00:00Z'),
  availableUntil: new Date('2026-12-10T00:00:00Z'),
  originHub: 'BTC-BLITAR',
  minOrderQuantity: null,
  productionDate: null,
  shelfLifeDays: 14,
};

describe('publishOffer', () => {
  it('given a valid egg offer, when published, then the whole quantity remains unallocated', () => {
    const offer = publishOffer(eggs, now);
    expect(offer.remaining).toEqual({ amount: 1000, unit: 'kg' });
    expect(offer.status).toBe('published');
    expect(offer.publishedAt).toEqual(now);
  });

  it.each([
    ['QUANTITY_NOT_POSITIVE', { quantity: { amount: 0, unit: 'kg' as const } }],
    ['PRICE_NOT_INTEGER', { unitPriceIdr: 26500.5 }],
    ['WINDOW_INVALID', { availableUntil: eggs.availableFrom }],
    [
      'WINDOW_IN_PAST',
      {
        availableFrom: new Date('2026-11-01T00:00:00Z'),
        availableUntil: new Date('2026-11-27T00:00:00Z'),
      },
    ],
  ])('refuses an offer that breaks %s', (rule, change) => {
    const attempt = () => publishOffer({ ...eggs, ...change }, now);
    expect(attempt).toThrow(OfferRuleViolation);
    expect(attempt).toThrow(expect.objectContaining({ rule }));
  });
});

describe('allocate and release', () => {
  const offer = publishOffer({ ...eggs, quantity: { amount: 10.5, unit: 'kg' } }, now);

  it('given allocations of 0.1 and 10.4 kg, then the offer is partially allocated, then sold out, exactly', () => {
    const partly = allocate(offer, { amount: 0.1, unit: 'kg' });
    expect(partly).toMatchObject({ status: 'partially_allocated', remaining: { amount: 10.4 } });
    expect(allocate(partly, { amount: 10.4, unit: 'kg' })).toMatchObject({
      status: 'sold_out',
      remaining: { amount: 0 },
    });
  });

  it('refuses to allocate more than remains, or in another unit', () => {
    expect(() => allocate(offer, { amount: 10.501, unit: 'kg' })).toThrow(
      expect.objectContaining({ rule: 'OVER_ALLOCATION' }),
    );
    expect(() => allocate(offer, { amount: 1, unit: 'ton' })).toThrow(
      expect.objectContaining({ rule: 'UNIT_MISMATCH' }),
    );
  });

  it('given a release, then the quantity comes back, but never beyond the offer', () => {
    const soldOut = allocate(offer, { amount: 10.5, unit: 'kg' });
    expect(release(soldOut, { amount: 2.5, unit: 'kg' })).toMatchObject({
      status: 'partially_allocated',
      remaining: { amount: 2.5 },
    });
    expect(() => release(offer, { amount: 0.001, unit: 'kg' })).toThrow(
      expect.objectContaining({ rule: 'RELEASE_EXCEEDS_ALLOCATED' }),
    );
  });
});

describe('withdraw', () => {
  const offer = publishOffer(eggs, now);

  it('given a partially allocated offer, when withdrawn, then it takes no more allocations, and a release keeps it withdrawn', () => {
    const withdrawn = withdraw(allocate(offer, { amount: 400, unit: 'kg' }));
    expect(withdrawn.status).toBe('withdrawn');
    expect(() => allocate(withdrawn, { amount: 1, unit: 'kg' })).toThrow(
      expect.objectContaining({ rule: 'NOT_OPEN' }),
    );
    expect(release(withdrawn, { amount: 400, unit: 'kg' })).toMatchObject({
      status: 'withdrawn',
      remaining: { amount: 1000 },
    });
  });

  it('refuses to withdraw a sold-out offer', () => {
    expect(() => withdraw(allocate(offer, { amount: 1000, unit: 'kg' }))).toThrow(
      expect.objectContaining({ rule: 'NOT_OPEN' }),
    );
  });
});

describe('expireIfDue', () => {
  const offer = publishOffer(eggs, now);

  it('given an open offer, then it expires exactly at available-until, not a millisecond before', () => {
    const until = eggs.availableUntil.getTime();
    expect(expireIfDue(offer, new Date(until - 1)).status).toBe('published');
    expect(expireIfDue(offer, new Date(until)).status).toBe('expired');
  });

  it('given a sold-out offer, then it stays sold out', () => {
    const soldOut = allocate(offer, { amount: 1000, unit: 'kg' });
    expect(expireIfDue(soldOut, new Date(eggs.availableUntil.getTime() + 1)).status).toBe(
      'sold_out',
    );
  });
});

describe('changeOffer', () => {
  const offer = allocate(publishOffer(eggs, now), { amount: 300, unit: 'kg' });

  it('given 300 of 1000 kg allocated, when reduced to 300, then it is sold out; below 300 is refused', () => {
    expect(changeOffer(offer, { quantityAmount: 300 }, now)).toMatchObject({
      status: 'sold_out',
      remaining: { amount: 0 },
    });
    expect(() => changeOffer(offer, { quantityAmount: 299.999 }, now)).toThrow(
      expect.objectContaining({ rule: 'BELOW_ALLOCATED' }),
    );
  });

  it('given a new price and window, then they replace the old ones, and a window in the past is refused', () => {
    const until = new Date('2026-12-20T00:00:00Z');
    expect(changeOffer(offer, { unitPriceIdr: 25000, availableUntil: until }, now)).toMatchObject({
      unitPriceIdr: 25000,
      availableUntil: until,
      remaining: { amount: 700 },
    });
    expect(() =>
      changeOffer(
        offer,
        { availableUntil: new Date('2026-11-30T00:00:00Z') },
        new Date('2026-12-01T00:00:00Z'),
      ),
    ).toThrow(expect.objectContaining({ rule: 'WINDOW_IN_PAST' }));
  });
});

describe('production date and shelf life', () => {
  it('given eggs laid 10 days ago with a 14-day shelf life, then the offer expires at the shelf life, before its window', () => {
    const laid = new Date(now.getTime() - 10 * 24 * 3600 * 1000);
    const offer = publishOffer({ ...eggs, productionDate: laid }, now);
    expect(offer.shelfLifeEndsAt).toEqual(new Date(laid.getTime() + 14 * 24 * 3600 * 1000));
    expect(expireIfDue(offer, offer.shelfLifeEndsAt as Date).status).toBe('expired');
  });

  it.each([
    ['SHELF_LIFE_ENDED', { productionDate: new Date(now.getTime() - 15 * 24 * 3600 * 1000) }],
    ['PRODUCTION_DATE_IN_FUTURE', { productionDate: new Date(now.getTime() + 3600 * 1000) }],
    ['MIN_ORDER_INVALID', { minOrderQuantity: 1000.5 }],
  ])('refuses an offer that breaks %s', (rule, change) => {
    expect(() => publishOffer({ ...eggs, ...change }, now)).toThrow(
      expect.objectContaining({ rule }),
    );
  });
});

describe('drafts', () => {
  it('given a draft, then it takes no allocation until published, and publishes once', () => {
    const draft = publishOffer(eggs, now, true);
    expect(draft.status).toBe('draft');
    expect(() => allocate(draft, { amount: 1, unit: 'kg' })).toThrow(
      expect.objectContaining({ rule: 'NOT_OPEN' }),
    );
    const later = new Date(now.getTime() + 3600_000);
    const published = publishDraft(changeOffer(draft, { unitPriceIdr: 26000 }, now), later);
    expect(published).toMatchObject({
      status: 'published',
      unitPriceIdr: 26000,
      publishedAt: later,
    });
    expect(() => publishDraft(published, later)).toThrow(
      expect.objectContaining({ rule: 'NOT_DRAFT' }),
    );
  });

  it('refuses to publish a draft whose window has ended', () => {
    expect(() => publishDraft(publishOffer(eggs, now, true), eggs.availableUntil)).toThrow(
      expect.objectContaining({ rule: 'WINDOW_IN_PAST' }),
    );
  });
});
