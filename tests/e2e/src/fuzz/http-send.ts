import { request } from 'node:http';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Sends a request exactly as given (raw path and query, any method with any body, any content
 * type): what `fetch` would normalise or refuse is what a fuzzer wants to send. An event stream
 * answered 200 is closed at once.
 */
export function sendRaw(
  baseUrl: string,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
        timeout: 30_000,
      },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream')) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, contentType, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${target} timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const STABLE_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
/** What leaks from a stack trace or the database driver into a message. */
const LEAKS = [
  /\n\s+at /,
  /\bat .+\(.+:\d+:\d+\)/,
  /QueryFailedError|TypeORMError|EntityNotFound/,
  /syntax error at or near/i,
  /violates (not-null|foreign key|unique|check) constraint/i,
  /duplicate key value/i,
  /invalid input syntax for/i,
  /invalid byte sequence for encoding/i,
  /relation "[^"]+" does not exist/i,
  /node_modules|\/dist\//,
];

/** Why an error answer is not the platform's `{ code, message }` shape, or undefined. */
export function errorShapeProblem(answer: Answer): string | undefined {
  if (!answer.contentType.startsWith('application/json'))
    return `error answer is ${answer.contentType || 'untyped'}, not JSON: ${answer.text.slice(0, 200)}`;
  let body: { code?: unknown; message?: unknown };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return `error answer is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (typeof body.code !== 'string' || !STABLE_CODE.test(body.code))
    return `error code ${JSON.stringify(body.code)} is not a stable UPPER_SNAKE code`;
  if (typeof body.message !== 'string') return 'error answer has no message';
  const leak = LEAKS.find((pattern) => pattern.test(answer.text));
  if (leak) return `error answer leaks internals (${leak}): ${answer.text.slice(0, 300)}`;
  return undefined;
}

/** An import report that refused every row: a refusal in a 200 (pricing's market prices). */
export function isRefusingReport(answer: Answer): boolean {
  try {
    const body = JSON.parse(answer.text) as { accepted?: unknown; rejected?: unknown };
    return body.accepted === 0 && Array.isArray(body.rejected);
  } catch {
    return false;
  }
}
