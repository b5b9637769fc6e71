export type Service = 'catalog' | 'orders' | 'logistics' | 'pricing';

export interface Session {
  token: string;
  role: string;
  tenant?: string;
  subject?: string;
  expiresAt?: number;
}

/** Reads the token's claims for display and navigation; the services verify it, not the console. */
export function sessionFromToken(raw: string): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('This is not a JWT (three dot-separated parts).');
  let claims: { role?: string; tenant?: string; sub?: string; exp?: number };
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(json) as typeof claims;
  } catch {
    throw new Error('The token’s payload cannot be read.');
  }
  if (!claims.role) throw new Error('The token carries no role.');
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error('The token has expired.');
  return {
    token,
    role: claims.role,
    tenant: claims.tenant,
    subject: claims.sub,
    expiresAt: claims.exp ? claims.exp * 1000 : undefined,
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function useToken(token: string | null, unauthenticated: () => void): void {
  currentToken = token;
  onUnauthenticated = unauthenticated;
}

/** Calls a service through the gateway with the signed-in user's token. */
export async function api<T>(
  service: Service,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`/api/${service}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(currentToken ? { authorization: `Bearer ${currentToken}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string | string[] };
    const message = Array.isArray(error.message) ? error.message.join('; ') : error.message;
    if (response.status === 401) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error.code ?? `HTTP_${response.status}`,
      `${service} ${path.split('?')[0]}: ${response.status} ${error.code ?? ''} ${message ?? ''}`.trim(),
    );
  }
  return body as T;
}
