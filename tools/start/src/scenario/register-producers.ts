import { ApiError, type ServiceApi } from './api-client';
import { PRODUCER_ROSTER, type ProducerProfile } from './producer-roster';

/** What registration needs of the catalog's HTTP API (a ServiceApi calling as the BTC operator). */
export type CatalogApi = Pick<ServiceApi, 'get' | 'post'>;

interface ProducerView {
  id: string;
  nib: string;
  status: string;
}

export interface RegisteredProducers {
  /** Catalog producer id by roster key. */
  ids: Map<string, string>;
  /** Newly registered by this call (0 when an earlier run registered them all). */
  registered: number;
  /** Verified by this call: the new ones, and any an earlier run left unverified or suspended. */
  verified: number;
}

/** Blitar regency (3505), then a fixed stem: the roster always has the same 13-digit NIBs. */
const NIB_STEM = '3505000100';

/** The NIB of the roster's producer at `index`: fixed, so that a rerun finds its producers. */
export function rosterNib(index: number): string {
  return `${NIB_STEM}${String(index).padStart(3, '0')}`;
}

/**
 * Registers and verifies the Blitar producer roster through the catalog, as the BTC operator.
 * Idempotent: a producer whose NIB is taken already (an earlier run on the same database) is
 * found and reused, and verified again only if it is not active.
 */
export async function registerProducers(catalog: CatalogApi): Promise<RegisteredProducers> {
  const result: RegisteredProducers = { ids: new Map(), registered: 0, verified: 0 };
  let existing: ProducerView[] | null = null;
  for (const [index, profile] of PRODUCER_ROSTER.entries()) {
    const nib = rosterNib(index);
    let producer = await register(catalog, profile, nib);
    if (producer) result.registered += 1;
    else {
      existing ??= await catalog.get<ProducerView[]>('/producers');
      producer = existing.find((p) => p.nib === nib) ?? null;
    }
    if (!producer) throw new Error(`Blitar producers: NIB ${nib} is taken, yet no producer has it`);
    if (producer.status !== 'active') {
      await catalog.post(`/producers/${producer.id}/verify`, {
        reason: 'NIB, halal and NKV documents checked at BTC',
      });
      result.verified += 1;
    }
    result.ids.set(profile.key, producer.id);
  }
  return result;
}

/** The registered producer, or null when the NIB is taken. */
async function register(
  catalog: CatalogApi,
  profile: ProducerProfile,
  nib: string,
): Promise<ProducerView | null> {
  try {
    return await catalog.post<ProducerView>('/producers', {
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
