import fc from 'fast-check';
import { type BookOffer, CommodityBook } from './commodity-book';
import { rejectionIndexOf } from './eligibility';
import { RowQuery, levelPriceRule, levelRowRejection } from './level-rules';
import type { OfferTerms } from './matching-inputs';
import { HOUR, T0, offerTerms, requestTerms } from './matching.fixtures';
import { shareLevel } from './pro-rata';
import { toQty } from './quantity';

/*
 * The engine checks offers against a price level's rows (numbers in a typed array), not the
 * offer objects; these tests hold the rows to the rules as eligibility.ts states them.
 */

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** More certificate names than a book gives bits (31), so some rows compare them by name. */
const CERTIFICATES = Array.from({ length: 40 }, (_, i) => `cert-${i}`);
const PRICES = [25_000, 25_500, 26_000];

const termsArb = fc.record({
  price: fc.constantFrom(...PRICES),
  unit: fc.constantFrom('kg', 'kg', 'ekor'),
  gradeRank: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 5 }),
  quantity: fc.integer({ min: 1, max: 300_000 }),
  minOrderQuantity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 150_000 })),
  fromHours: fc.integer({ min: -48, max: 48 }),
  windowHours: fc.integer({ min: 0, max: 240 }),
  shelfHours: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4 }),
  certificates: fc.subarray(CERTIFICATES, { maxLength: 5 }),
});
/** What happens to an offer once it is in the book: nothing, new terms, an allocation, a close. */
const changeArb = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('terms' as const), terms: termsArb }),
  fc.record({ kind: fc.constant('allocate' as const), part: fc.double({ min: 0, max: 1 }) }),
  fc.constant({ kind: 'close' as const }),
);
const bookArb = fc.array(fc.record({ terms: termsArb, change: changeArb }), {
  minLength: 1,
  maxLength: 60,
});
const requestArb = fc.record({
  unit: fc.constantFrom('kg', 'ekor', 'ikat'),
  maxPrice: fc.constantFrom(24_500, 25_500, 26_000, 27_000),
  minGradeRank: fc.integer({ min: 0, max: 3 }),
  transitHours: fc.integer({ min: 0, max: 36 }),
  deliverByHours: fc.integer({ min: 6, max: 240 }),
  minShelfHours: fc.integer({ min: 0, max: 120 }),
  certificates: fc.subarray([...CERTIFICATES, 'never-offered'], { maxLength: 3 }),
  stillNeeded: fc.integer({ min: 1, max: 200_000 }),
});

function termsOf(offerId: string, drawn: Drawn<typeof termsArb>): OfferTerms {
  return offerTerms({
    offerId,
    unit: drawn.unit,
    gradeRank: drawn.gradeRank,
    unitPriceIdr: drawn.price,
    quantity: drawn.quantity,
    minOrderQuantity: drawn.minOrderQuantity,
    availableFrom: T0 + drawn.fromHours * HOUR,
    availableUntil: T0 + (drawn.fromHours + drawn.windowHours) * HOUR,
    bestBefore: drawn.shelfHours === null ? null : T0 + drawn.shelfHours * HOUR,
    certificates: drawn.certificates,
  });
}

/** Changes an offer the way the engine does, telling the book as the engine does. */
function change(book: CommodityBook, offer: BookOffer, drawn: Drawn<typeof changeArb>): void {
  if (drawn.kind === 'terms') {
    offer.terms = termsOf(offer.terms.offerId, drawn.terms);
    offer.remaining = Math.max(0, offer.terms.quantity - offer.allocated);
    book.reindex(offer);
  } else if (drawn.kind === 'allocate') {
    const quantity = Math.floor(offer.remaining * drawn.part);
    offer.allocated += quantity;
    offer.remaining -= quantity;
    book.allocatedFrom(offer);
  } else if (drawn.kind === 'close') {
    book.removeOffer(offer);
  }
}

function bookOf(drawn: Drawn<typeof bookArb>): CommodityBook {
  const book = CommodityBook.empty('EGG');
  book.clock = T0 + 6 * HOUR;
  drawn.forEach(({ terms: drawnTerms, change: drawnChange }, i) => {
    const terms = termsOf(`offer-${i}`, drawnTerms);
    const seq = book.takeSeq();
    const offer: BookOffer = {
      terms,
      allocated: 0,
      remaining: terms.quantity,
      seq,
      closedReason: null,
    };
    book.addOffer(offer);
    change(book, offer, drawnChange);
  });
  return book;
}

describe('price level rows', () => {
  it('give every offer the rejection its terms give, whatever the request, after changes, allocations and closes', () => {
    const ceilingArb = fc.option(fc.constantFrom(...PRICES));
    fc.assert(
      fc.property(bookArb, requestArb, ceilingArb, (drawnBook, drawn, ceiling) => {
        const book = bookOf(drawnBook);
        book.ceilingIdr = ceiling;
        const terms = requestTerms({
          requestId: 'r',
          unit: drawn.unit,
          maxUnitPriceIdr: drawn.maxPrice,
          minGradeRank: drawn.minGradeRank,
          transitHours: drawn.transitHours,
          deliverBy: T0 + drawn.deliverByHours * HOUR,
          minShelfLifeHoursOnArrival: drawn.minShelfHours,
          requiredCertificates: drawn.certificates,
        });
        const query = new RowQuery().prepare(book, terms, drawn.stillNeeded);
        for (const level of book.levels) {
          const priceRule = levelPriceRule(level, query);
          level.offers.forEach((offer, i) => {
            const expected = rejectionIndexOf(offer, terms, ceiling, drawn.stillNeeded, book.clock);
            expect(levelRowRejection(level, i, query, priceRule)).toBe(expected);
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('shareLevel, a level larger than an insertion sort is used for', () => {
  it('given 70 equal offers listed latest first, when half is needed, then the spare units go to the 35 earliest', () => {
    const level = Array.from({ length: 70 }, (_, i): BookOffer => {
      const seq = 70 - i;
      const terms = offerTerms({ offerId: `o${seq}`, quantity: toQty(1) });
      return { terms, allocated: 0, remaining: toQty(1), seq, closedReason: null };
    });

    const result = shareLevel(level, toQty(35), toQty(1));

    const taking = level.filter((offer) => result.shares.get(offer) === toQty(1));
    expect(taking.map((offer) => offer.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 35 }, (_, i) => i + 1),
    );
    expect(result).toMatchObject({ rule: 'pro-rata', available: toQty(70) });
  });
});
