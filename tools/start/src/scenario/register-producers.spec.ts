import { randomUUID } from 'node:crypto';
import { ApiError } from './api-client';
import { PRODUCER_ROSTER } from './producer-roster';
import { type CatalogApi, registerProducers, rosterNib } from './register-producers';

interface FakeProducer {
  id: string;
  nib: string;
  status: string;
  body: Record<string, unknown>;
}

/** The catalog's producer endpoints, in memory: NIBs are unique, verify makes one active. */
class FakeCatalog implements CatalogApi {
  readonly producers: FakeProducer[] = [];
  readonly calls: string[] = [];

  get<T>(path: string): Promise<T> {
    this.calls.push(`GET ${path}`);
    if (path !== '/producers') throw new Error(`unexpected GET ${path}`);
    return Promise.resolve(this.producers.map(({ id, nib, status }) => ({ id, nib, status })) as T);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    this.calls.push(`POST ${path}`);
    if (path === '/producers') {
      const input = body as { nib: string };
      if (this.producers.some((p) => p.nib === input.nib))
        return Promise.reject(
          new ApiError(409, 'CATALOG_PRODUCER_NIB_TAKEN', `NIB ${input.nib} taken`),
        );
      const created = {
        id: randomUUID(),
        nib: input.nib,
        status: 'pending_verification',
        body: input,
      };
      this.producers.push(created);
      return Promise.resolve({ id: created.id, nib: created.nib, status: created.status } as T);
    }
    const verify = /^\/producers\/([^/]+)\/verify$/.exec(path);
    const producer = this.producers.find((p) => p.id === verify?.[1]);
    if (!producer) throw new Error(`unexpected POST ${path}`);
    if (producer.status === 'active')
      return Promise.reject(new ApiError(409, 'CATALOG_TRANSITION_NOT_ALLOWED', 'active'));
    producer.status = 'active';
    return Promise.resolve({ id: producer.id, status: 'active' } as T);
  }
}

describe('registerProducers', () => {
  it('given an empty catalog, then registers and verifies the whole roster with valid NIBs', async () => {
    const catalog = new FakeCatalog();
    const result = await registerProducers(catalog);
    expect(result.registered).toBe(PRODUCER_ROSTER.length);
    expect(result.verified).toBe(PRODUCER_ROSTER.length);
    expect([...result.ids.keys()]).toEqual(PRODUCER_ROSTER.map((p) => p.key));
    expect(catalog.producers.every((p) => p.status === 'active')).toBe(true);
    const nibs = catalog.producers.map((p) => p.nib);
    expect(nibs.every((nib) => /^\d{13}$/.test(nib))).toBe(true);
    expect(new Set(nibs).size).toBe(PRODUCER_ROSTER.length);
  });

  it('given a second run on the same catalog, then the same producers, none added, none re-verified', async () => {
    const catalog = new FakeCatalog();
    const first = await registerProducers(catalog);
    catalog.calls.length = 0;
    const second = await registerProducers(catalog);
    expect(second).toEqual({ ids: first.ids, registered: 0, verified: 0 });
    expect(catalog.producers).toHaveLength(PRODUCER_ROSTER.length);
    expect(catalog.calls.filter((c) => c === 'GET /producers')).toHaveLength(1);
    expect(catalog.calls.some((c) => c.endsWith('/verify'))).toBe(false);
  });

  it('given a run that stopped before verifying, then the next one verifies what is pending', async () => {
    const catalog = new FakeCatalog();
    const first = await registerProducers(catalog);
    const pending = catalog.producers.find((p) => p.nib === rosterNib(2)) as FakeProducer;
    pending.status = 'pending_verification';
    const second = await registerProducers(catalog);
    expect(second).toMatchObject({ registered: 0, verified: 1 });
    expect(second.ids).toEqual(first.ids);
    expect(pending.status).toBe('active');
  });

  it('given the catalog refuses for another reason, then the error is not swallowed', async () => {
    const catalog = new FakeCatalog();
    jest
      .spyOn(catalog, 'post')
      .mockRejectedValueOnce(new ApiError(403, 'FORBIDDEN', 'POST catalog/producers: 403'));
    await expect(registerProducers(catalog)).rejects.toThrow('403');
  });
});
