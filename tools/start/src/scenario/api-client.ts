import type { ScenarioTarget } from './scenario-types';

/** Who a call is made as: a role, and for producers, BUMDs and drivers the tenant. */
export interface Caller {
  role: string;
  tenant?: string;
}

export const OPERATOR: Caller = { role: 'btc-operator' };
export const asBumd = (buyerId: string): Caller => ({ role: 'bumd', tenant: buyerId });
export const asProducer = (producerId: string): Caller => ({
  role: 'producer',
  tenant: producerId,
});
export const asDriver = (carrier: string): Caller => ({ role: 'driver', tenant: carrier });

/** A call that answered with an unexpected status: says which call, as whom, and what came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_TTL_MS = 5 * 60_000;

/** Tokens minted once per caller and reused for a few minutes. */
class TokenCache {
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(private readonly mint: ScenarioTarget['token']) {}

  header(caller: Caller): string {
    const key = `${caller.role}|${caller.tenant ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached && cached.until > Date.now()) return `Bearer ${cached.token}`;
    const token = this.mint(caller.role, caller.tenant);
    this.tokens.set(key, { token, until: Date.now() + TOKEN_TTL_MS });
    return `Bearer ${token}`;
  }
}

/** One service's HTTP API with fetch; every call names its caller. */
export class ServiceApi {
  constructor(
    readonly name: string,
    private readonly baseUrl: string,
    private readonly tokens: TokenCache,
  ) {}

  get<T>(path: string, caller: Caller = OPERATOR): Promise<T> {
    return this.call<T>('GET', path, undefined, caller);
  }

  post<T>(path: string, body: unknown, caller: Caller = OPERATOR): Promise<T> {
    return this.call<T>('POST', path, body, caller);
  }

  put<T>(path: string, body: unknown, caller: Caller = OPERATOR): Promise<T> {
    return this.call<T>('PUT', path, body, caller);
  }

  async call<T>(method: string, path: string, body: unknown, caller: Caller): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: this.tokens.header(caller),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (response.ok) return parsed as T;
    const error = (parsed ?? {}) as { code?: string; message?: unknown };
    const detail = typeof error.message === 'string' ? error.message : text.slice(0, 300);
    const who = caller.tenant ? `${caller.role} ${caller.tenant}` : caller.role;
    throw new ApiError(
      response.status,
      error.code,
      `${method} ${this.name}${path} as ${who}: ${response.status} ${error.code ?? ''} ${detail}`,
    );
  }
}

export interface Apis {
  catalog: ServiceApi;
  orders: ServiceApi;
  logistics: ServiceApi;
  pricing: ServiceApi;
}

export function connect(target: ScenarioTarget): Apis {
  const tokens = new TokenCache(target.token);
  const api = (name: keyof ScenarioTarget['urls']) =>
    new ServiceApi(name, target.urls[name].replace(/\/+$/, ''), tokens);
  return {
    catalog: api('catalog'),
    orders: api('orders'),
    logistics: api('logistics'),
    pricing: api('pricing'),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
