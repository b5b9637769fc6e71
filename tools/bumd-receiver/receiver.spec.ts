import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The receiver is a plain ES module a BUMD developer copies; jest compiles it with the specs.
import { createReceiver, verifySignature } from './receiver.mjs';

const SECRET = 'whsec_c2ltcHVsLXJlY2VpdmVyLXRlc3Qtc2VjcmV0LTAxMjM0NTY3';
const NOW_MS = Date.UTC(2026, 2, 10, 8, 0, 0);
const NOW_S = Math.floor(NOW_MS / 1000);

/** Signed the way the orders service signs, with node:crypto only (not the receiver's code). */
const hmacHex = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]))
    .digest('hex');
const signed = (body: string, timestamp = NOW_S, secrets = [SECRET]) =>
  [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmacHex(s, timestamp, body)}`)].join(',');

const envelope = (id = randomUUID()) => ({
  id,
  type: 'orders.order.confirmed',
  occurredAt: new Date(NOW_MS).toISOString(),
  // Non-ASCII and odd spacing: the bytes, not a re-serialisation, are what is signed.
  data: { orderId: randomUUID(), buyerId: 'pasar-jaya', note: 'Cabai merah keriting — 12 kg' },
});
const rawOf = (event: object) => `${JSON.stringify(event, null, 1)} `;

const verify = (header: string | undefined, rawBody: string | Buffer, secret = SECRET) =>
  verifySignature({ header, rawBody, secret, now: NOW_MS });

describe('verifySignature', () => {
  const body = rawOf(envelope());

  it('given a correctly signed body, then it verifies and gives the timestamp', () => {
    expect(verify(signed(body), body)).toEqual({ ok: true, timestamp: NOW_S });
    expect(verify(signed(body), Buffer.from(body, 'utf8'))).toEqual({
      ok: true,
      timestamp: NOW_S,
    });
  });

  it('given a tampered body, then the signature does not match', () => {
    const tampered = body.replace('12 kg', '120 kg');
    expect(verify(signed(body), tampered)).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
  });

  it('given the same JSON re-serialised, then it fails: only the raw bytes verify', () => {
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(verify(signed(body), reserialised)).toMatchObject({ ok: false });
  });

  it('given a tampered signature, then the signature does not match', () => {
    const header = signed(body);
    const last = header.at(-1) === '0' ? '1' : '0';
    expect(verify(`${header.slice(0, -1)}${last}`, body)).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
  });

  it('given a tampered timestamp, then the signature does not match', () => {
    const header = signed(body).replace(`t=${NOW_S}`, `t=${NOW_S + 1}`);
    expect(verify(header, body)).toMatchObject({ ok: false, reason: /does not match/ });
  });

  it('given the wrong secret, then the signature does not match', () => {
    expect(verify(signed(body), body, 'whsec_another-bumds-secret')).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
  });

  it('given no header, an empty one or one without v1, then it fails saying what is missing', () => {
    expect(verify(undefined, body)).toEqual({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
    expect(verify('', body)).toEqual({ ok: false, reason: expect.stringMatching(/missing/) });
    expect(verify(`t=${NOW_S}`, body)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no v1/),
    });
    const withoutT = signed(body).replace(`t=${NOW_S},`, '');
    expect(verify(withoutT, body)).toEqual({ ok: false, reason: expect.stringMatching(/no t/) });
  });

  it('given a timestamp older or newer than the tolerance, then it fails as outside the window', () => {
    const old = NOW_S - 301;
    expect(verify(signed(body, old), body)).toEqual({
      ok: false,
      reason: expect.stringMatching(/tolerance/),
    });
    expect(verify(signed(body, NOW_S + 301), body)).toMatchObject({ ok: false });
    expect(verify(signed(body, NOW_S - 300), body)).toMatchObject({ ok: true });
    expect(
      verifySignature({
        header: signed(body, old),
        rawBody: body,
        secret: SECRET,
        now: NOW_MS,
        toleranceSeconds: 600,
      }),
    ).toMatchObject({ ok: true });
  });

  it('given a rotation header with one good v1 among others, then it verifies', () => {
    const header = signed(body, NOW_S, ['whsec_old-secret', SECRET, 'whsec_next-secret']);
    expect(header.match(/v1=/g)).toHaveLength(3);
    expect(verify(header, body)).toEqual({ ok: true, timestamp: NOW_S });
    expect(verify(`${header},v1=zz,v1=abcd`, body)).toMatchObject({ ok: true });
    const none = signed(body, NOW_S, ['whsec_old-secret', 'whsec_next-secret']);
    expect(verify(none, body)).toMatchObject({ ok: false, reason: /does not match/ });
  });
});

describe('createReceiver over loopback HTTP', () => {
  let server: Server;
  let url: string;
  let handled: { event: { id: string }; meta: Record<string, unknown> }[];
  let failNext: boolean;

  beforeAll(async () => {
    server = createServer(
      createReceiver({
        secret: SECRET,
        onEvent: async (event: { id: string }, meta: Record<string, unknown>) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (failNext) {
            failNext = false;
            throw new Error('warehouse database is down');
          }
          handled.push({ event, meta });
        },
        onError: () => undefined,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simpul`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    handled = [];
    failNext = false;
  });

  const deliver = async (
    event: { id: string },
    options: { raw?: string; signature?: string; attempt?: number; headerId?: string } = {},
  ) => {
    const raw = options.raw ?? rawOf(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'simpul-signature': options.signature ?? signed(raw, timestamp),
        'simpul-event-id': options.headerId ?? event.id,
        'idempotency-key': options.headerId ?? event.id,
        'simpul-event-type': 'orders.order.confirmed',
        'simpul-delivery-id': randomUUID(),
        'simpul-delivery-attempt': String(options.attempt ?? 1),
      },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('given the same event delivered twice, then onEvent runs once and both get 2xx', async () => {
    const event = envelope();
    const first = await deliver(event);
    const second = await deliver(event, { attempt: 2 });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ status: 'duplicate' });
    expect(handled).toHaveLength(1);
    expect(handled[0].event).toEqual(event);
    expect(handled[0].meta).toMatchObject({
      eventId: event.id,
      eventType: 'orders.order.confirmed',
      attempt: 1,
      replay: false,
    });
  });

  it('given the same event delivered twice at once, then onEvent still runs once', async () => {
    const event = envelope();
    const answers = await Promise.all([deliver(event), deliver(event, { attempt: 2 })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(handled).toHaveLength(1);
  });

  it('given a bad signature, then 401 with a reason, and onEvent is not called', async () => {
    const event = envelope();
    const raw = rawOf(event);
    const wrong = `t=${Math.floor(Date.now() / 1000)},v1=${hmacHex('whsec_wrong', Math.floor(Date.now() / 1000), raw)}`;
    const answer = await deliver(event, { raw, signature: wrong });
    expect(answer).toEqual({
      status: 401,
      body: { error: 'invalid_signature', reason: expect.stringMatching(/does not match/) },
    });
    const unsigned = await deliver(event, { signature: '' });
    expect(unsigned.status).toBe(401);
    expect(handled).toHaveLength(0);
  });

  it('given a signed body that is not JSON, or whose id is not Simpul-Event-Id, then 400', async () => {
    const event = envelope();
    expect((await deliver(event, { raw: 'not json' })).status).toBe(400);
    const otherId = await deliver(event, { headerId: randomUUID() });
    expect(otherId).toEqual({
      status: 400,
      body: { error: 'bad_request', reason: expect.stringMatching(/Simpul-Event-Id/) },
    });
    expect(handled).toHaveLength(0);
  });

  it('given onEvent throws, then 500, and the retry is handled rather than called a duplicate', async () => {
    const event = envelope();
    failNext = true;
    const first = await deliver(event);
    expect(first).toEqual({ status: 500, body: { error: 'handler_failed' } });
    expect(handled).toHaveLength(0);
    const retry = await deliver(event, { attempt: 2 });
    expect(retry).toEqual({ status: 200, body: { status: 'accepted' } });
    expect(handled).toHaveLength(1);
    expect(handled[0].meta['attempt']).toBe(2);
  });

  it('given a pluggable async seen store, then it is consulted and filled, and concurrent copies still run once', async () => {
    const ids = new Set<string>();
    const seen = {
      has: async (id: string) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return ids.has(id);
      },
      add: async (id: string) => void ids.add(id),
    };
    let calls = 0;
    const other = createServer(
      createReceiver({ secret: SECRET, seen, onEvent: () => void calls++ }),
    );
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const event = envelope();
    const raw = rawOf(event);
    const post = () =>
      fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: {
          'simpul-signature': signed(raw, Math.floor(Date.now() / 1000)),
          'simpul-event-id': event.id,
        },
        body: raw,
      }).then((r) => r.status);
    try {
      expect(await Promise.all([post(), post(), post()])).toEqual([200, 200, 200]);
      expect(calls).toBe(1);
      expect(ids.has(event.id)).toBe(true);
      expect(await post()).toBe(200);
      expect(calls).toBe(1);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('given a GET, then 405', async () => {
    expect((await fetch(url)).status).toBe(405);
  });
});
