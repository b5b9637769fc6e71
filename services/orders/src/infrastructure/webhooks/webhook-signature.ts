import { createHmac, randomBytes } from 'node:crypto';

/** The header a receiver verifies: `t=<unix seconds>,v1=<hex>[,v1=<hex>]` (docs/bumd-developers.md). */
export const SIGNATURE_HEADER = 'Simpul-Signature';

/**
 * HMAC-SHA256 of `<t>.<raw body>` with each secret (the current one, and during a rotation the
 * previous one too), so a receiver that still holds the old secret keeps verifying.
 */
export function signatureHeader(
  secrets: readonly string[],
  body: string,
  timestampSeconds: number,
): string {
  const signed = `${timestampSeconds}.${body}`;
  const parts = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`,
  );
  return [`t=${timestampSeconds}`, ...parts].join(',');
}

/** A new subscription secret: 32 random bytes, `whsec_` + base64url. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
