import type { ScenarioContext } from './scenario-context';
import { waitFor } from './wait-for';

/**
 * Waits until the matching engine has taken in these offers: each is in the commodity's book,
 * or the catalog says it was allocated already (sold out on arrival to a waiting request).
 * Requests placed afterwards then meet all of them, whatever the delays of the two paths.
 */
export async function waitOffersBooked(
  ctx: ScenarioContext,
  offers: readonly { id: string; commodityCode: string }[],
): Promise<void> {
  const commodities = [...new Set(offers.map((o) => o.commodityCode))];
  await waitFor(
    `${offers.length} offers reaching the matching engine's books`,
    async (note) => {
      const booked = new Set<string>();
      for (const commodity of commodities) {
        const book = await ctx.apis.orders.get<{ offerId: string }[]>(
          `/offer-book?commodity=${commodity}&limit=1000`,
        );
        for (const entry of book) booked.add(entry.offerId);
      }
      const missing = offers.filter((o) => !booked.has(o.id));
      const unseen = await Promise.all(missing.map((o) => stillUnallocated(ctx, o.id)));
      const left = missing.filter((_, i) => unseen[i]);
      if (left.length === 0) return true;
      note(`${left.length} not in a book yet, e.g. ${left[0].commodityCode} offer ${left[0].id}`);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
}

async function stillUnallocated(ctx: ScenarioContext, offerId: string): Promise<boolean> {
  const offer = await ctx.apis.catalog.get<{ status: string }>(`/offers/${offerId}`);
  return offer.status === 'published';
}
