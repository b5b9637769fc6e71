// The console's gateway: serves the built single-page app and proxies /api/<service>/… to the four
// services, so the browser talks to one origin (no CORS). It holds no credentials of its own: the
// browser sends the user's bearer token and every permission is decided by the services.
// `--dev-login` (local use only, loopback only) mints tokens with AUTH_JWT_SECRET for a quick look.
import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'];

export const DEFAULT_URLS = {
  catalog: 'http://127.0.0.1:3001',
  orders: 'http://127.0.0.1:3002',
  logistics: 'http://127.0.0.1:3003',
  pricing: 'http://127.0.0.1:3004',
};

export const DEFAULT_STATIC_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../dist/apps/console',
);

const ROLES = ['producer', 'btc-operator', 'bumd', 'analyst', 'platform-admin', 'driver'];
const TENANT_ROLES = ['producer', 'bumd', 'driver'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
// Hop-by-hop headers and what the browser should not pass on to the services.
const DROPPED_REQUEST_HEADERS = new Set(['host', 'connection', 'cookie', 'origin', 'referer']);

const base64url = (value) => Buffer.from(value).toString('base64url');

/** An HS256 token the services accept: same claims, issuer and audience as `npm run token`. */
export function mintDevToken({ secret, issuer = 'simpul', role, tenant, ttlSeconds = 8 * 3600 }) {
  if (!ROLES.includes(role)) throw new Error(`unknown role "${role}"`);
  if (TENANT_ROLES.includes(role) && !tenant) throw new Error(`role ${role} needs a tenant`);
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      role,
      ...(tenant ? { tenant } : {}),
      sub: `console-dev-login:${role}`,
      iss: issuer,
      aud: 'simpul',
      iat: now,
      exp: now + ttlSeconds,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

function readBody(req, limit = 10_000) {
  return new Promise((resolveBody, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > limit) reject(new Error('body too large'));
    });
    req.on('end', () => resolveBody(body));
    req.on('error', reject);
  });
}

function proxy(req, res, target, path) {
  const url = new URL(path, target);
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
  }
  const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) return res.destroy(error);
    sendJson(res, 502, {
      code: 'GATEWAY_UPSTREAM_UNAVAILABLE',
      message: `${url.origin} does not answer: ${error.message}`,
    });
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

async function serveStatic(req, res, staticDir) {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const root = resolve(staticDir);
  let file = resolve(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep))
    return sendJson(res, 404, { code: 'NOT_FOUND' });
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // A client-side route: the app's index.html; a missing asset: 404.
    if (pathname.startsWith('/assets/')) return sendJson(res, 404, { code: 'NOT_FOUND' });
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info) {
      return sendJson(res, 503, {
        code: 'CONSOLE_NOT_BUILT',
        message: `no build in ${root}: run npm run build:console`,
      });
    }
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/**
 * The gateway's request handler.
 * @param {{ urls?: Record<string, string>, staticDir?: string, devLogin?: { secret: string, issuer?: string } }} options
 */
export function createGateway({
  urls = DEFAULT_URLS,
  staticDir = DEFAULT_STATIC_DIR,
  devLogin,
} = {}) {
  return (req, res) => {
    const url = req.url ?? '/';
    const api = /^\/api\/([a-z]+)(\/.*)?$/.exec(url);
    if (api) {
      const target = SERVICES.includes(api[1]) ? urls[api[1]] : undefined;
      if (!target)
        return sendJson(res, 404, { code: 'NOT_FOUND', message: `no service ${api[1]}` });
      return proxy(req, res, target, api[2] ?? '/');
    }
    if (url === '/console-config') return sendJson(res, 200, { devLogin: Boolean(devLogin) });
    if (url === '/dev-login' && req.method === 'POST') {
      if (!devLogin) return sendJson(res, 404, { code: 'NOT_FOUND' });
      return readBody(req)
        .then((body) => {
          const { role, tenant } = JSON.parse(body || '{}');
          sendJson(res, 200, { token: mintDevToken({ ...devLogin, role, tenant }) });
        })
        .catch((error) => sendJson(res, 400, { code: 'BAD_REQUEST', message: error.message }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED' });
    serveStatic(req, res, staticDir).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: error.message });
    });
  };
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.CONSOLE_PORT ?? '8080' },
      host: { type: 'string', default: process.env.CONSOLE_HOST ?? '127.0.0.1' },
      'dev-login': { type: 'boolean', default: false },
    },
  });
  const urls = Object.fromEntries(
    SERVICES.map((s) => [s, process.env[`${s.toUpperCase()}_URL`] ?? DEFAULT_URLS[s]]),
  );
  let devLogin;
  if (values['dev-login']) {
    const secret = process.env.AUTH_JWT_SECRET;
    if (!secret) throw new Error('--dev-login needs AUTH_JWT_SECRET (the services’ secret)');
    if (!LOOPBACK.includes(values.host))
      throw new Error('--dev-login is for local use only: the gateway must listen on loopback');
    devLogin = { secret, issuer: process.env.AUTH_JWT_ISSUER };
  }
  const server = createServer(createGateway({ urls, devLogin }));
  server.listen(Number(values.port), values.host, () => {
    console.log(`simpul console on http://${values.host}:${values.port}/`);
    for (const s of SERVICES) console.log(`  /api/${s.padEnd(9)} → ${urls[s]}`);
    if (devLogin)
      console.log('  DEV LOGIN ENABLED — local use only: anyone here can mint any role');
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`console gateway: ${error.message}`);
    process.exit(2);
  }
}
