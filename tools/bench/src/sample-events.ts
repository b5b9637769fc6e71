import { createEnvelope, OfferPublished } from '@simpul/contracts';
import { offerPublishedFixture } from '@simpul/testing';
import { type OutboxRecord, toOutboxRecord } from '@simpul/persistence';

export function sampleOutboxRecords(count: number): OutboxRecord[] {
  return Array.from({ length: count }, (_, i) =>
    toOutboxRecord(
      OfferPublished,
      createEnvelope(OfferPublished, {
        source: 'bench',
        subject: `offer-${i}`,
        data: offerPublishedFixture(i, { unitPriceIdr: 26000 + (i % 1000) }),
      }),
    ),
  );
}
