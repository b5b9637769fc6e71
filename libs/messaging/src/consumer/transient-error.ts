// PostgreSQL classes that say "try again": connection (08), resources (53), operator intervention
// (57P), serialization failure and deadlock (40001, 40P01).
const TRANSIENT_SQLSTATE = /^(08|53|57P|40001|40P01)/;
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
// TypeORM's "Query runner already released": the connection was lost mid-transaction and TypeORM
// gave it back to the pool; the handlers never release a query runner themselves.
const TRANSIENT_MESSAGE =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|the server does not support ssl|Connection is not established|query runner already released/i;

/**
 * Infrastructure failures are retried until the infrastructure is back; they never send a
 * message to the DLQ. Everything else is a property of the message and is retried a bounded
 * number of times.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withCode = error as Error & { code?: unknown; driverError?: { code?: unknown } };
  const code = withCode.code ?? withCode.driverError?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_ERRNO.has(code)))
    return true;
  return TRANSIENT_MESSAGE.test(error.message);
}
