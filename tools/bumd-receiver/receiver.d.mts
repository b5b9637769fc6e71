// Types of receiver.mjs for TypeScript callers (the end-to-end suite); the JSDoc in the module
// says the same and is what its own type check reads.
import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const DEFAULT_TOLERANCE_SECONDS: number;
export declare const DEFAULT_SEEN_LIMIT: number;
export declare const DEFAULT_MAX_BODY_BYTES: number;

export type Secret = string | Buffer | Array<string | Buffer>;

export declare function verifySignature(input: {
  header: string | string[] | undefined;
  rawBody: Buffer | Uint8Array | string;
  secret: Secret;
  toleranceSeconds?: number;
  now?: number;
}): { ok: true; timestamp: number } | { ok: false; reason: string };

export declare class BoundedSeenSet {
  constructor(limit?: number);
  has(id: string): boolean;
  add(id: string): void;
}

export type DeliveryMeta = {
  eventId: string;
  eventType: string | undefined;
  deliveryId: string | undefined;
  attempt: number | undefined;
  replay: boolean;
  timestamp: number;
};

export declare function createReceiver<E = unknown>(options: {
  secret: Secret;
  onEvent: (event: E, meta: DeliveryMeta) => unknown;
  toleranceSeconds?: number;
  seen?: { has(id: string): boolean | Promise<boolean>; add(id: string): unknown };
  maxBodyBytes?: number;
  onError?: (error: unknown, meta: DeliveryMeta) => void;
}): (req: IncomingMessage, res: ServerResponse) => void;
