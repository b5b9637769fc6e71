import { createEnvelope, OfferPublished, type OfferPublishedV1 } from '@simpul/contracts';
import { type OutboxRecord, toOutboxRecord } from '@simpul/persistence';

const COMMODITIES = [
  'EGG',
  'BROILER_CARCASS',
  'CHILI_RED_CURLY',
  'SHALLOT',
  'RICE_MEDIUM',
  'CATFISH',
];

/** A realistic offer event (about 540 bytes as JSON), spread over six commodity keys. */
export function sampleOffer(i: number): OfferPublishedV1 {
  return {
    offerId: `0193a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    producerId: '0193a000-0000-7000-8000-0000000000aa',
    commodityCode: COMMODITIES[i % COMMODITIES.length],
    quantity: { amount: 100 + (i % 900), unit: 'kg' },
    unitPriceIdr: 26000 + (i % 1000),
    grade: 'medium',
    availableFrom: '2030-01-01T00:00:00.000Z',
    availableUntil: '2030-01-10T00:00:00.000Z',
    originHub: 'BTC-BLITAR',
  };
}

export function sampleOutboxRecords(count: number): OutboxRecord[] {
  return Array.from({ length: count }, (_, i) =>
    toOutboxRecord(
      OfferPublished,
      createEnvelope(OfferPublished, {
        source: 'bench',
        subject: `offer-${i}`,
        data: sampleOffer(i),
      }),
    ),
  );
}
