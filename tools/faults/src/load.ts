import { authHeader, registerActiveProducer } from '@simpul/testing';

const DAY = 86_400_000;
const json = { 'content-type': 'application/json' };

/** What the BUMDs buy in the run: commodity, grade offered, buyer and destination. */
export const LINES = [
  {
    commodity: 'EGG',
    grade: 'large',
    minGrade: 'small',
    buyer: 'pasar-jaya',
    destination: 'PIKJ',
    price: 20_000,
  },
  {
    commodity: 'EGG',
    grade: 'large',
    minGrade: 'small',
    buyer: 'food-station',
    destination: 'PIBC',
    price: 20_000,
  },
  {
    commodity: 'SHALLOT',
    grade: 'standard',
    minGrade: 'standard',
    buyer: 'pasar-jaya',
    destination: 'PIKJ',
    price: 20_000,
  },
  {
    commodity: 'CHILI_RED_CURLY',
    grade: 'super',
    minGrade: '2',
    buyer: 'pasar-jaya',
    destination: 'PIKJ',
    price: 20_000,
  },
  // Under the medium-rice HET (Rp 13,500/kg), which pricing sets as its ceiling.
  {
    commodity: 'RICE_MEDIUM',
    grade: 'medium',
    minGrade: 'medium',
    buyer: 'food-station',
    destination: 'PIBC',
    price: 12_000,
  },
  {
    commodity: 'GARLIC',
    grade: 'standard',
    minGrade: 'standard',
    buyer: 'food-station',
    destination: 'PIBC',
    price: 20_000,
  },
] as const;

export const OFFER_SIZE_KG = 20_000;

export const MAX_REQUEST_KG = 60;

/** Deterministic pseudo-random numbers (mulberry32) so a run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedRequest {
  line: (typeof LINES)[number];
  amountKg: number;
}

/** The requests of the run: commodity line and amount, from the seed. */
export function planRequests(count: number, seed: number): PlannedRequest[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => ({
    line: LINES[Math.floor(random() * LINES.length)],
    amountKg: 10 + Math.floor(random() * (MAX_REQUEST_KG - 9)),
  }));
}

/** Offers enough for every request with a quarter to spare, per commodity, from one producer. */
export async function stockOffers(catalogUrl: string, requests: readonly PlannedRequest[]) {
  const producerId = await registerActiveProducer(catalogUrl);
  const demand = new Map<string, number>();
  for (const r of requests) {
    demand.set(r.line.commodity, (demand.get(r.line.commodity) ?? 0) + r.amountKg);
  }
  const now = Date.now();
  let offers = 0;
  for (const [commodity, kg] of demand) {
    const grade = LINES.find((l) => l.commodity === commodity)?.grade ?? 'standard';
    const count = Math.ceil((kg * 1.25) / OFFER_SIZE_KG);
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${catalogUrl}/offers`, {
        method: 'POST',
        headers: { ...json, ...authHeader('producer', producerId) },
        body: JSON.stringify({
          producerId,
          commodityCode: commodity,
          quantity: { amount: OFFER_SIZE_KG, unit: 'kg' },
          unitPriceIdr: (LINES.find((l) => l.commodity === commodity)?.price ?? 20_000) + i * 10,
          grade,
          availableFrom: new Date(now).toISOString(),
          availableUntil: new Date(now + 10 * DAY).toISOString(),
          productionDate: new Date(now).toISOString(),
          originHub: 'BTC-BLITAR',
        }),
      });
      if (response.status !== 201) {
        throw new Error(`offer refused: ${response.status} ${await response.text()}`);
      }
      offers++;
    }
  }
  return { producerId, offers };
}

export interface LoadResult {
  accepted: Map<string, PlannedRequest>;
  refused: number;
  failed: number;
}

/**
 * Places the requests with `concurrency` in flight, at most `ratePerSecond`, each on the next orders instance in turn; a
 * request whose instance is down goes to the other one. Counts what was accepted (202) — the
 * requests the checks follow — and what failed without an answer.
 */
export async function placeRequests(
  ordersUrls: () => string[],
  requests: readonly PlannedRequest[],
  concurrency: number,
  ratePerSecond: number,
  onProgress: (done: number) => void,
): Promise<LoadResult> {
  const result: LoadResult = { accepted: new Map(), refused: 0, failed: 0 };
  const now = Date.now();
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const wait = started + (i / ratePerSecond) * 1000 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = requests[i];
      const body = JSON.stringify({
        commodityCode: request.line.commodity,
        quantity: { amount: request.amountKg, unit: 'kg' },
        maxUnitPriceIdr: 40_000,
        minGrade: request.line.minGrade,
        destinationCode: request.line.destination,
        deliverBy: new Date(now + 6 * DAY).toISOString(),
        expiresAt: new Date(now + 5 * DAY).toISOString(),
      });
      const urls = ordersUrls();
      let answered = false;
      for (let attempt = 0; attempt < urls.length * 3 && !answered; attempt++) {
        const url = urls[(i + attempt) % urls.length];
        try {
          const response = await fetch(`${url}/purchase-requests`, {
            method: 'POST',
            headers: { ...json, ...authHeader('bumd', request.line.buyer) },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          answered = true;
          if (response.status === 202) {
            const { requestId } = (await response.json()) as { requestId: string };
            result.accepted.set(requestId, request);
          } else if (response.status >= 500) {
            // The instance is failing (database cut): not accepted; try the other one.
            answered = false;
            await response.text();
            await new Promise((resolve) => setTimeout(resolve, 200));
          } else {
            result.refused++;
            if (result.refused <= 3) {
              process.stderr.write(
                `  request refused: ${response.status} ${await response.text()}\n`,
              );
            }
          }
        } catch {
          // No answer (the instance was killed): the request may or may not exist; the checks
          // follow every request in the database anyway. Try the other instance.
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      if (!answered) result.failed++;
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
