import { ApiError, asProducer } from './api-client';
import type { OfferPlan } from './day-plan';
import { inLanes } from './lanes';
import { PRODUCER_ROSTER, type ProducerProfile } from './producer-roster';
import type { ScenarioContext } from './scenario-context';

const HOUR_MS = 3_600_000;

interface ProducerView {
  id: string;
  nib: string;
  status: string;
}

/**
 * Registers and verifies the roster through the catalog as the BTC operator. A producer whose
 * NIB is taken already (an earlier run on the same database) is found and reused.
 */
export async function registerProducers(ctx: ScenarioContext): Promise<void> {
  let existing: ProducerView[] | null = null;
  for (const [index, profile] of PRODUCER_ROSTER.entries()) {
    const nib = `3505${ctx.plan.nibStem}${String(index).padStart(3, '0')}`;
    let producer = await register(ctx, profile, nib);
    if (!producer) {
      existing ??= await ctx.apis.catalog.get<ProducerView[]>('/producers');
      producer = existing.find((p) => p.nib === nib) ?? null;
    }
    if (!producer) throw new Error(`scenario: NIB ${nib} is taken, yet no producer has it`);
    if (producer.status !== 'active') {
      await ctx.apis.catalog.post(`/producers/${producer.id}/verify`, {
        reason: 'NIB, halal and NKV documents checked at BTC',
      });
    }
    ctx.state.producerIds.set(profile.key, producer.id);
  }
}

/** The registered producer, or null when the NIB is taken. */
async function register(
  ctx: ScenarioContext,
  profile: ProducerProfile,
  nib: string,
): Promise<ProducerView | null> {
  try {
    return await ctx.apis.catalog.post<ProducerView>('/producers', {
      nib,
      businessName: profile.businessName,
      ownerName: profile.ownerName,
      phone: `+6281${nib.slice(-9)}`,
      kecamatan: profile.kecamatan,
      kelurahan: profile.kelurahan,
      categories: profile.categories,
      halalCertified: profile.halalCertified,
      ...(profile.hasNkv ? { nkvNumber: `NKV-3505-${nib.slice(-4)}` } : {}),
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CATALOG_PRODUCER_NIB_TAKEN') return null;
    throw error;
  }
}

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
