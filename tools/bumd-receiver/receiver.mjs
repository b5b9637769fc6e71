#!/usr/bin/env node
// Reference receiver for simpul BUMD webhooks. Copy this file: it needs Node.js ≥ 20 and nothing
// but node: built-ins.
//
//   node receiver.mjs --port 8787 --secret whsec_…      (or SIMPUL_WEBHOOK_SECRET=whsec_…)
//
// What it does with each delivery, in order:
//   1. reads the raw body bytes (the signature is over those bytes: never re-serialise JSON);
//   2. verifies `Simpul-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` — HMAC-SHA256, keyed
//      with the subscription secret, over `<t>.<raw body>`; any v1 may match (secret rotation);
//      |now − t| must be within the tolerance (300 s by default) against replays → else 401;
//   3. parses the JSON envelope, whose `id` must equal `Simpul-Event-Id` → else 400;
//   4. de-duplicates by event id: an id seen before is answered 200 without calling onEvent;
//   5. awaits onEvent(event, meta), then answers 200; 500 if it throws, so the sender retries.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const DEFAULT_TOLERANCE_SECONDS = 300;
export const DEFAULT_SEEN_LIMIT = 100_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks a `Simpul-Signature` header against the raw body.
 *
 * @param {object} input
 * @param {string | string[] | undefined} input.header the Simpul-Signature header value
 * @param {Buffer | Uint8Array | string} input.rawBody the body exactly as received
 * @param {string | Buffer | Array<string | Buffer>} input.secret the subscription secret, used
 *   as is (the whole `whsec_…` string is the HMAC key); several while you rotate your own copy
 * @param {number} [input.toleranceSeconds] largest |now − t| accepted, in seconds (default 300)
 * @param {number} [input.now] the current time in milliseconds (default Date.now())
 * @returns {{ ok: true, timestamp: number } | { ok: false, reason: string }}
 */
export function verifySignature({
  header,
  rawBody,
  secret,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now(),
}) {
  if (Array.isArray(header)) header = header.join(',');
  if (typeof header !== 'string' || header.trim() === '')
    return { ok: false, reason: 'missing Simpul-Signature header' };
  let timestamp = null;
  const signatures = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) return { ok: false, reason: 'malformed Simpul-Signature header' };
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value))
        return { ok: false, reason: 'malformed timestamp in Simpul-Signature header' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    } // other schemes (a future v2) are ignored
  }
  if (timestamp === null) return { ok: false, reason: 'no timestamp (t=) in Simpul-Signature' };
  if (signatures.length === 0) return { ok: false, reason: 'no v1 signature in Simpul-Signature' };

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
  const secrets = Array.isArray(secret) ? secret : [secret];
  if (secrets.length === 0 || secrets.some((s) => !s || s.length === 0))
    throw new Error('verifySignature: a secret is required');
  const expected = secrets.map((s) => createHmac('sha256', s).update(signed).digest());
  let matched = false;
  for (const candidate of signatures) {
    if (!/^[0-9a-fA-F]{64}$/.test(candidate)) continue; // not a SHA-256 hex digest
    const given = Buffer.from(candidate, 'hex');
    // Check every pair (no early exit), each in constant time on equal-length buffers.
    for (const digest of expected) if (timingSafeEqual(given, digest)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'signature does not match' };

  const skew = Math.abs(Math.floor(now / 1000) - timestamp);
  if (skew > toleranceSeconds)
    return {
      ok: false,
      reason: `timestamp outside the tolerance window (${skew} s off, ${toleranceSeconds} s allowed)`,
    };
  return { ok: true, timestamp };
}

/**
 * The ids of events already handled, in memory, forgetting the oldest beyond `limit`.
 *
 * Enough for a demo, not for production: it is lost on restart and not shared between
 * instances, so a redelivery after a restart would be handled twice. A production receiver
 * persists the event id in the same database transaction as the business effect (for example
 * a table with the event id as primary key, inserted next to the stock movement), and passes a
 * `seen` store over that table; `has` and `add` may return promises.
 */
export class BoundedSeenSet {
  /** @param {number} [limit] */
  constructor(limit = DEFAULT_SEEN_LIMIT) {
    this.limit = limit;
    this.ids = new Set();
  }

  /** @param {string} id */
  has(id) {
    return this.ids.has(id);
  }

  /** @param {string} id */
  add(id) {
    this.ids.delete(id);
    this.ids.add(id);
    while (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value);
  }
}

/**
 * @typedef {object} DeliveryMeta
 * @property {string} eventId Simpul-Event-Id (also Idempotency-Key)
 * @property {string | undefined} eventType Simpul-Event-Type, e.g. orders.order.confirmed
 * @property {string | undefined} deliveryId Simpul-Delivery-Id
 * @property {number | undefined} attempt Simpul-Delivery-Attempt
 * @property {boolean} replay Simpul-Replay: true on replayed history
 * @property {number} timestamp the signed t=, unix seconds
 */

/**
 * A `node:http` request listener that verifies, de-duplicates and hands events to `onEvent`.
 *
 * @param {object} options
 * @param {string | Buffer | Array<string | Buffer>} options.secret the subscription secret
 * @param {(event: any, meta: DeliveryMeta) => unknown | Promise<unknown>} options.onEvent
 *   called once per event id; answer quickly (queue heavy work), the sender times out
 * @param {number} [options.toleranceSeconds] replay window in seconds (default 300)
 * @param {{ has(id: string): boolean | Promise<boolean>, add(id: string): unknown }} [options.seen]
 *   the store of handled event ids (default: the last 100,000 ids in memory)
 * @param {number} [options.maxBodyBytes] larger bodies are refused with 413 (default 1 MiB)
 * @param {(error: unknown, meta: DeliveryMeta) => void} [options.onError] told when onEvent throws
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createReceiver({
  secret,
  onEvent,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  seen = new BoundedSeenSet(),
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  onError = (error, meta) => console.error(`onEvent failed for ${meta.eventId}:`, error),
}) {
  if (!secret || (Array.isArray(secret) && secret.length === 0))
    throw new Error('createReceiver: a secret is required');
  if (typeof onEvent !== 'function') throw new Error('createReceiver: onEvent is required');
  /**
   * Events being handled now: a concurrent redelivery waits for the first one's outcome.
   * @type {Map<string, Promise<'accepted' | 'duplicate' | 'failed'>>}
   */
  const inFlight = new Map();

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    if (req.method !== 'POST')
      return reply(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
    const rawBody = await readBody(req, maxBodyBytes);
    if (rawBody === null) return reply(res, 413, { error: 'body_too_large' });

    const verdict = verifySignature({
      header: req.headers['simpul-signature'],
      rawBody,
      secret,
      toleranceSeconds,
    });
    if (!verdict.ok) return reply(res, 401, { error: 'invalid_signature', reason: verdict.reason });

    let event;
    try {
      event = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'bad_request', reason: 'body is not JSON' });
    }
    const headerId = header(req, 'simpul-event-id');
    if (
      !event ||
      typeof event !== 'object' ||
      typeof event.id !== 'string' ||
      event.id !== headerId
    )
      return reply(res, 400, {
        error: 'bad_request',
        reason: 'body id differs from Simpul-Event-Id',
      });
    /** @type {string} */
    const eventId = event.id;

    const attempt = Number(header(req, 'simpul-delivery-attempt'));
    /** @type {DeliveryMeta} */
    const meta = {
      eventId,
      eventType: header(req, 'simpul-event-type'),
      deliveryId: header(req, 'simpul-delivery-id'),
      attempt: Number.isInteger(attempt) ? attempt : undefined,
      replay: header(req, 'simpul-replay') === 'true',
      timestamp: verdict.timestamp,
    };

    // Set synchronously, before any await: two concurrent deliveries cannot both get past it.
    const pending = inFlight.get(eventId);
    if (pending) {
      const outcome = await pending;
      return outcome === 'failed'
        ? reply(res, 500, { error: 'handler_failed' })
        : reply(res, 200, { status: 'duplicate' });
    }
    const work = (async () => {
      try {
        if (await seen.has(eventId)) return 'duplicate';
        await onEvent(event, meta);
        await seen.add(eventId);
        return 'accepted';
      } catch (error) {
        onError(error, meta);
        return 'failed';
      }
    })();
    inFlight.set(eventId, work);
    const outcome = await work.finally(() => inFlight.delete(eventId));
    if (outcome === 'failed') return reply(res, 500, { error: 'handler_failed' });
    return reply(res, 200, { status: outcome });
  }

  return (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) reply(res, 500, { error: 'internal_error' });
      else res.destroy(error);
    });
  };
}

/**
 * The raw body as one Buffer, or null beyond `limit` bytes.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.resume(); // drain the rest
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string} name
 * @returns {string | undefined}
 */
function header(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {object} body
 * @param {Record<string, string>} [headers]
 */
function reply(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const USAGE = `usage: node receiver.mjs [--port 8787] [--host 127.0.0.1] [--secret <s>] [--tolerance 300]

Receives simpul webhook deliveries, verifies their signature and prints each accepted event on
one line. The secret is the subscription's (whsec_…); --secret or SIMPUL_WEBHOOK_SECRET.`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      secret: { type: 'string' },
      tolerance: { type: 'string', default: String(DEFAULT_TOLERANCE_SECONDS) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const secret = values.secret ?? process.env.SIMPUL_WEBHOOK_SECRET;
  const port = Number(values.port);
  const toleranceSeconds = Number(values.tolerance);
  if (!secret) return fail('no secret: pass --secret <s> or set SIMPUL_WEBHOOK_SECRET');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail('--port must be 0–65535');
  if (!(toleranceSeconds > 0)) return fail('--tolerance must be a positive number of seconds');

  const listener = createReceiver({
    secret,
    toleranceSeconds,
    onEvent: (event, meta) => {
      const flags = `attempt=${meta.attempt ?? '?'}${meta.replay ? ' replay' : ''}`;
      console.log(
        `${new Date().toISOString()} ${meta.eventType ?? event.type ?? '?'} ${event.id} ${flags} ${JSON.stringify(event)}`,
      );
    },
  });
  const server = createServer((req, res) => {
    res.on('finish', () => {
      if (res.statusCode >= 400)
        console.error(`${new Date().toISOString()} ${req.method} ${req.url} → ${res.statusCode}`);
    });
    listener(req, res);
  });
  server.listen(port, values.host, () => {
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    console.log(`simpul webhook receiver on http://${values.host}:${address.port}/`);
  });
  // Stop accepting, let deliveries in progress finish (5 s at most), then exit.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** @param {string} message */
function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exitCode = 2;
}

/** True when this file is the program (`node receiver.mjs`), false when it is imported. */
function runDirectly() {
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (runDirectly()) void main();
