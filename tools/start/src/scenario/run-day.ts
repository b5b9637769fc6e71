import { waitOffersBooked } from './book-steps';
import { publishOffers } from './catalog-steps';
import { offerAboveCeiling } from './ceiling-steps';
import { SPIKE_COMMODITY } from './commodity-profiles';
import type { DayPlan } from './day-plan';
import { waitDispatched } from './dispatch-steps';
import { closeDeliveredOrders } from './fulfilment-steps';
import { submitRequests, waitProcessed } from './orders-steps';
import { capOnHighTier, postMarketPrices, priceRiseTier, waitSeriesCurrent } from './pricing-steps';
import type { ScenarioContext } from './scenario-context';
import { moveShipments } from './shipment-steps';

export const STEPS_PER_DAY = 6;

/**
 * One simulated day: Jakarta prices (and, on a high chili alert, the ceiling), Blitar offers,
 * BUMD requests (and the cancellation), the over-ceiling offer once capped, dispatch, the
 * journeys to Jakarta, and the buyers closing what they received.
 */
export async function runDay(ctx: ScenarioContext, plan: DayPlan, stallMs: number) {
  const label = (what: string) => `day ${plan.day + 1}/${ctx.plan.days.length}: ${what}`;
  await watchPrices(ctx, plan);
  ctx.progress.step(label('Jakarta market prices'));
  const offerIds = await publishOffers(ctx, plan.offers);
  await waitOffersBooked(
    ctx,
    plan.offers.map((offer, i) => ({ id: offerIds[i], commodityCode: offer.commodityCode })),
  );
  ctx.progress.step(label(`${offerIds.length} Blitar offers`));
  const requestIds = await submitRequests(ctx, plan.day, plan.requests);
  await waitProcessed(ctx, requestIds);
  await offerAboveCeiling(ctx);
  ctx.progress.step(label(`${requestIds.length} BUMD requests matched`));
  await waitDispatched(ctx, stallMs);
  ctx.progress.step(label('loads planned'));
  const shipments = await moveShipments(ctx, plan.day);
  ctx.progress.step(label(`${shipments.length} shipments delivered`));
  await closeDeliveredOrders(ctx, shipments);
  ctx.progress.step(label('orders closed'));
}

async function watchPrices(ctx: ScenarioContext, plan: DayPlan): Promise<void> {
  await postMarketPrices(ctx, plan.prices);
  await waitSeriesCurrent(ctx, SPIKE_COMMODITY, plan.prices);
  const tier = await priceRiseTier(ctx, SPIKE_COMMODITY);
  const date = plan.prices[0]?.date ?? '';
  ctx.state.tiersSeen.push({ day: plan.day, date, tier });
  await capOnHighTier(ctx, plan.day, tier);
}
