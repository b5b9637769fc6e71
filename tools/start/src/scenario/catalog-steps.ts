import { asProducer } from './api-client';
import type { OfferPlan } from './day-plan';
import { inLanes } from './lanes';
import type { ScenarioContext } from './scenario-context';

const HOUR_MS = 3_600_000;

/** Publishes offers as their producers, one commodity's offers in plan order; returns their ids. */
export async function publishOffers(
  ctx: ScenarioContext,
  offers: readonly OfferPlan[],
): Promise<string[]> {
  const ids = await inLanes(
    offers,
    (offer) => offer.commodityCode,
    (offer) => publishOffer(ctx, offer),
  );
  ctx.state.offerIds.push(...ids);
  return ids;
}

/** `keepPrice`: the one producer who ignores the hub's cap (the over-ceiling offer). */
export async function publishOffer(
  ctx: ScenarioContext,
  offer: OfferPlan,
  keepPrice = false,
): Promise<string> {
  const producerId = ctx.state.producerIds.get(offer.producerKey);
  if (!producerId) throw new Error(`scenario: producer ${offer.producerKey} is not registered`);
  const now = Date.now();
  const body = {
    producerId,
    commodityCode: offer.commodityCode,
    quantity: { amount: offer.amount, unit: offer.unit },
    unitPriceIdr: keepPrice ? offer.unitPriceIdr : priceWithinCeiling(ctx, offer),
    grade: offer.grade,
    availableFrom: new Date(now).toISOString(),
    availableUntil: new Date(now + offer.availableHours * HOUR_MS).toISOString(),
    ...(offer.productionAgeHours === null
      ? {}
      : { productionDate: new Date(now - offer.productionAgeHours * HOUR_MS).toISOString() }),
    originHub: 'BTC-BLITAR',
  };
  const created = await ctx.apis.catalog.post<{ id: string }>(
    '/offers',
    body,
    asProducer(producerId),
  );
  return created.id;
}

/** Once the hub caps a commodity, its producers offer at the cap at most. */
function priceWithinCeiling(ctx: ScenarioContext, offer: OfferPlan): number {
  const ceiling = ctx.state.ceiling;
  const capped = ceiling && offer.commodityCode === ctx.plan.overCeiling.offer.commodityCode;
  return capped ? Math.min(offer.unitPriceIdr, ceiling.unitPriceIdr) : offer.unitPriceIdr;
}
