import { waitOffersBooked } from './book-steps';
import { publishOffer } from './catalog-steps';
import { submitRequest, waitProcessed } from './orders-steps';
import type { ScenarioContext } from './scenario-context';

/**
 * With the ceiling in force, one producer still offers above it, and Pasar Jaya asks for
 * exactly that lot (top grade, paying more than the ceiling). The request must stay unmatched,
 * and say it is the ceiling; the summary checks both from the services.
 */
export async function offerAboveCeiling(ctx: ScenarioContext): Promise<void> {
  if (!ctx.state.ceiling || ctx.state.overCeiling) return;
  const { offer, request } = ctx.plan.overCeiling;
  const offerId = await publishOffer(ctx, offer, true);
  ctx.state.offerIds.push(offerId);
  // In the engine's book before the request arrives, so the request meets it (and the ceiling).
  await waitOffersBooked(ctx, [{ id: offerId, commodityCode: offer.commodityCode }]);
  const requestId = await submitRequest(ctx, request);
  ctx.state.requestIds.push(requestId);
  ctx.state.overCeiling = { offerId, requestId };
  await waitProcessed(ctx, [requestId]);
}
