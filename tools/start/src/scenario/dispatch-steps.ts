import { ApiError } from './api-client';
import type { ScenarioContext } from './scenario-context';
import { type OrderView, runOrders } from './service-views';
import { waitFor } from './wait-for';

/** Commodities that travel in reefers (logistics' cargo profiles: chilled or frozen). */
const COLD = new Set(['BROILER_CARCASS', 'BEEF', 'CATFISH', 'TILAPIA']);
const MAX_CHARTERS_PER_WAIT = 8;

const CHARTER = {
  cold: {
    type: 'FUSO',
    payloadKg: 6_500,
    volumeM3: 22,
    temperatureClasses: ['chilled', 'frozen'],
    carrier: 'cv-brantas-dingin-sejahtera',
  },
  ambient: {
    type: 'TRONTON',
    payloadKg: 20_000,
    volumeM3: 40,
    temperatureClasses: ['ambient'],
    carrier: 'pt-kawi-logistik-nusantara',
  },
};

/**
 * Waits until logistics has planned every confirmed order of the run. A truck that delivered
 * in Jakarta is free again only after driving back (~18 h of real time), so over a few
 * simulated days the seeded fleet runs out: when the planner makes no progress for `stallMs`,
 * the BTC operator charters a truck for each waiting destination and class.
 */
export async function waitDispatched(ctx: ScenarioContext, stallMs: number): Promise<void> {
  let previous = '';
  let since = Date.now();
  let charters = 0;
  await waitFor(
    'logistics planning a load for every confirmed order (a line it finds unplannable, e.g. too late or too large, stays confirmed: see logistics.shipment.unplannable)',
    async (note) => {
      const waiting = await runOrders(ctx, ['confirmed']);
      if (waiting.length === 0) return true;
      const key = waiting
        .map((o) => o.id)
        .sort()
        .join();
      if (key !== previous) [previous, since] = [key, Date.now()];
      else if (Date.now() - since > stallMs && charters < MAX_CHARTERS_PER_WAIT) {
        charters += await charterFor(ctx, waiting);
        since = Date.now();
      }
      note(`${waiting.length} orders still confirmed, e.g. ${describe(waiting[0])}`);
      return undefined;
    },
    { timeoutMs: Math.max(60_000, stallMs * (MAX_CHARTERS_PER_WAIT + 2)), intervalMs: 200 },
  );
}

/** One chartered truck per waiting destination and temperature class; returns how many. */
async function charterFor(ctx: ScenarioContext, waiting: readonly OrderView[]): Promise<number> {
  const groups = new Set(
    waiting.map((o) => `${o.destinationCode}|${COLD.has(o.commodityCode) ? 'cold' : 'ambient'}`),
  );
  for (const group of groups) {
    const kind = group.endsWith('cold') ? 'cold' : 'ambient';
    ctx.state.chartered.push(await charterVehicle(ctx, kind));
  }
  return groups.size;
}

/** Registers a chartered vehicle under the next free plate AG 92nn SW ("sewa": hired). */
async function charterVehicle(ctx: ScenarioContext, kind: 'cold' | 'ambient'): Promise<string> {
  for (let n = ctx.state.chartered.length; n < 800; n++) {
    const plate = `AG ${9200 + n} SW`;
    try {
      await ctx.apis.logistics.post('/vehicles', { plate, ...CHARTER[kind] });
      return plate;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
    }
  }
  throw new Error('scenario: no free plate left to charter a truck under');
}

function describe(order: OrderView): string {
  return `${order.commodityCode} to ${order.destinationCode} for ${order.buyerId}, deliver by ${order.deliverBy} (order ${order.id})`;
}
