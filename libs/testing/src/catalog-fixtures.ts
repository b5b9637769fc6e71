import { authHeader } from './auth-tokens';

let nextNib = 1_000_000_000_000 + Math.floor(Math.random() * 8_000_000_000_000);

export interface ProducerOverrides {
  halalCertified?: boolean;
  nkvNumber?: string;
  categories?: string[];
}

/**
 * Registers a producer through the catalog API as a BTC operator and verifies it, as the hub
 * does before a producer may publish offers. Returns the producer id.
 */
export async function registerActiveProducer(
  catalogUrl: string,
  overrides: ProducerOverrides = {},
): Promise<string> {
  const operator = { 'content-type': 'application/json', ...authHeader('btc-operator') };
  nextNib += 1;
  const registered = await fetch(`${catalogUrl}/producers`, {
    method: 'POST',
    headers: operator,
    body: JSON.stringify({
      nib: String(nextNib),
      businessName: 'UD Tani Makmur',
      ownerName: 'Siti Aminah',
      phone: '+6281234567890',
      kecamatan: 'Srengat',
      kelurahan: 'Dermojayan',
      categories: ['peternakan', 'pertanian', 'perikanan'],
      halalCertified: true,
      ...overrides,
    }),
  });
  if (registered.status !== 201)
    throw new Error(
      `registering a producer failed: ${registered.status} ${await registered.text()}`,
    );
  const { id } = (await registered.json()) as { id: string };
  const verified = await fetch(`${catalogUrl}/producers/${id}/verify`, {
    method: 'POST',
    headers: operator,
    body: '{}',
  });
  if (verified.status !== 200)
    throw new Error(`verifying producer ${id} failed: ${verified.status} ${await verified.text()}`);
  return id;
}

/**
 * The body of `POST /offers` for a producer: 2 t of large Blitar eggs at Rp 26,000/kg, produced
 * now, available from a minute from now for five days, at the BTC hub; fields can be overridden.
 */
export function offerRequestFixture(
  producerId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Date.now();
  return {
    producerId,
    commodityCode: 'EGG',
    quantity: { amount: 2000, unit: 'kg' },
    unitPriceIdr: 26_000,
    grade: 'large',
    availableFrom: new Date(now + 60_000).toISOString(),
    availableUntil: new Date(now + 5 * 86_400_000).toISOString(),
    productionDate: new Date(now).toISOString(),
    originHub: 'BTC-BLITAR',
    ...overrides,
  };
}
