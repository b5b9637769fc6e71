import http from 'node:http';
import https from 'node:https';
import { TargetGuard } from './target-guard';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What happened to one attempt: a status code, or an error when no response came. */
export interface WebhookResponse {
  statusCode?: number;
  error?: string;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one delivery with a hard deadline (connect, send and response together), through keep-alive
 * agents, reading at most 64 KB of the answer. Never throws: failures come back as `error`.
 */
export class WebhookSender {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    private readonly guard: TargetGuard,
    private readonly timeoutMs: number,
    maxSockets: number,
  ) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.resolve({ error: `invalid URL ${request.url}`, durationMs: elapsed() });
    }
    const refusal = this.guard.literalRefusal(url.hostname);
    if (refusal) return Promise.resolve({ error: refusal, durationMs: elapsed() });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Omit<WebhookResponse, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ ...result, durationMs: elapsed() });
      };
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        lookup: this.guard.lookup,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': 'simpul-webhooks/1',
        },
      });
      const deadline = setTimeout(() => {
        req.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      req.on('error', (error) => finish({ error: error.message }));
      req.on('response', (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('close', () => finish({ statusCode: response.statusCode }));
        response.on('error', () => finish({ statusCode: response.statusCode }));
      });
      req.end(request.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
