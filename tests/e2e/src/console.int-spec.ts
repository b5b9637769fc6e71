import {
  allocatePort,
  authHeader,
  expectEventually,
  registerActiveProducer,
  repoRoot,
  startTestService,
  type TestService,
} from '@simpul/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

// The web console (apps/console) against the four services as processes: its gateway serves the
// production build and proxies the APIs; headless Chromium signs in as a BTC operator and as
// BUMDs and looks at what each may see. Screenshots go to docs/screenshots/.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const DAY = 86_400_000;
const root = repoRoot();
const shots = join(root, 'docs', 'screenshots');
const token = (role: string, tenant?: string) => authHeader(role, tenant).authorization.slice(7);
const json = { 'content-type': 'application/json' };

type Urls = Record<'catalog' | 'orders' | 'logistics' | 'pricing', string>;

async function call<T>(url: string, method: string, headers: object, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...json, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('the web console in headless Chromium', () => {
  const services: TestService[] = [];
  let url: Urls;
  let gateway: ChildProcess | undefined;
  let consoleUrl: string;
  let browser: Browser | undefined;
  let foodStationOrderId: string;
  let foodStationRequestId: string;
  let offerId: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: the console's browser test needs Debian's ` +
          'chromium package (apt-get install -y --no-install-recommends chromium) or CHROMIUM_PATH.',
      );
    }
    if (!existsSync(join(root, 'dist/apps/console/index.html'))) {
      throw new Error('dist/apps/console is missing: run npm run build (or npm run build:console)');
    }
    mkdirSync(shots, { recursive: true });

    const catalog = await startTestService('catalog', 'console_catalog');
    services.push(catalog);
    const prefix = { KAFKA_TOPIC_PREFIX: catalog.topicPrefix };
    const started = await Promise.allSettled([
      startTestService('orders', 'console_orders', { ...prefix, MATCHING_CLOCK_TICK_MS: '1000' }),
      startTestService('logistics', 'console_logistics', {
        ...prefix,
        DISPATCH_PLANNING_INTERVAL_MS: '500',
        DISPATCH_HOLD_BELOW_FILL: '0',
        DELAY_CHECK_INTERVAL_MS: '500',
      }),
      startTestService('pricing', 'console_pricing', { ...prefix, CEILING_CHECK_MS: '1000' }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') services.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [, orders, logistics, pricing] = services;
    url = {
      catalog: catalog.url,
      orders: orders.url,
      logistics: logistics.url,
      pricing: pricing.url,
    };

    // The gateway as `npm run console` starts it, pointed at these services.
    const port = allocatePort();
    consoleUrl = `http://127.0.0.1:${port}`;
    gateway = spawn(
      process.execPath,
      [join(root, 'apps/console/server/gateway.mjs'), '--port', String(port)],
      {
        env: {
          ...process.env,
          CATALOG_URL: url.catalog,
          ORDERS_URL: url.orders,
          LOGISTICS_URL: url.logistics,
          PRICING_URL: url.pricing,
        },
        stdio: 'ignore',
      },
    );
    await expectEventually(async () => {
      expect((await fetch(`${consoleUrl}/console-config`)).status).toBe(200);
    });

    // A little trade: a producer's egg offer, Food Station's request that it fills, and two weeks
    // of chili prices at Kramat Jati that end in a spike.
    const producerId = await registerActiveProducer(url.catalog);
    const now = Date.now();
    offerId = (
      await call<{ id: string }>(
        `${url.catalog}/offers`,
        'POST',
        authHeader('producer', producerId),
        {
          producerId,
          commodityCode: 'EGG',
          quantity: { amount: 4000, unit: 'kg' },
          unitPriceIdr: 26_000,
          grade: 'large',
          availableFrom: new Date(now).toISOString(),
          availableUntil: new Date(now + 5 * DAY).toISOString(),
          productionDate: new Date(now - 3_600_000).toISOString(),
          originHub: 'BTC-BLITAR',
        },
      )
    ).id;
    const request = (extra: object) => ({
      commodityCode: 'EGG',
      quantity: { amount: 1500, unit: 'kg' },
      maxUnitPriceIdr: 28_500,
      minGrade: 'medium',
      deliverBy: new Date(now + 3 * DAY).toISOString(),
      expiresAt: new Date(now + 2 * DAY).toISOString(),
      ...extra,
    });
    foodStationRequestId = (
      await call<{ requestId: string }>(
        `${url.orders}/purchase-requests`,
        'POST',
        authHeader('bumd', 'food-station'),
        request({ destinationCode: 'FS-CIPINANG-WH' }),
      )
    ).requestId;
    foodStationOrderId = await expectEventually(
      async () => {
        const [order] = await call<{ id: string }[]>(
          `${url.orders}/orders`,
          'GET',
          authHeader('bumd', 'food-station'),
        );
        expect(order).toBeDefined();
        return order.id;
      },
      { timeoutMs: 60_000 },
    );
    const rows = ['market,commodity,price,date'];
    for (let d = 14; d >= 0; d--) {
      const day = new Date(now - d * DAY).toISOString().slice(0, 10);
      const price = d > 1 ? 45_000 + ((d * 137) % 600) : d === 1 ? 49_500 : 53_500;
      rows.push(`Pasar Induk Kramat Jati,CHILI_RED_CURLY,${price},${day}`);
    }
    await call(
      `${url.pricing}/market-prices/import`,
      'POST',
      { ...authHeader('btc-operator'), 'content-type': 'text/csv' },
      rows.join('\n'),
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    gateway?.kill('SIGTERM');
    await Promise.all(services.map((s) => s.stop()));
  });

  function newPage(viewport: { width: number; height: number }): Promise<Page> {
    if (!browser) throw new Error('no browser');
    return browser.newPage({ viewport });
  }

  async function signIn(page: Page, role: string, tenant?: string): Promise<void> {
    await page.goto(consoleUrl);
    await page.getByLabel('Token').fill(token(role, tenant));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
  }

  it('serves the build with security headers and proxies the APIs with the caller’s token', async () => {
    const page = await fetch(consoleUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${consoleUrl}/api/orders/orders`)).status).toBe(401);
    const answer = await fetch(`${consoleUrl}/api/orders/orders`, {
      headers: authHeader('bumd', 'food-station'),
    });
    expect(answer.status).toBe(200);
    expect(
      (
        await fetch(`${consoleUrl}/console-config`).then(
          (r) => r.json() as Promise<{ devLogin: boolean }>,
        )
      ).devLogin,
    ).toBe(false);
    expect((await fetch(`${consoleUrl}/dev-login`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
  });

  it('shows an operator the flow, the order book with explanations, shipments and prices', async () => {
    const page = await newPage({ width: 1024, height: 768 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'btc-operator');
    expect(await page.getByTestId('who').textContent()).toBe('btc-operator');

    // Flow: live counts (polling) reach what was seeded.
    await expectEventually(async () => {
      const orders = await page.getByTestId('count-order').locator('.tile-value').textContent();
      expect(Number(orders)).toBeGreaterThanOrEqual(1);
    });
    expect(
      Number(await page.getByTestId('count-offer').locator('.tile-value').textContent()),
    ).toBeGreaterThanOrEqual(1);
    await page
      .getByRole('row', { name: /food-station EGG/ })
      .first()
      .click();
    await page.getByTestId('item-detail').getByText('orders.').first().waitFor();
    // The offer's history joins what the catalog published with what orders published about it.
    await page
      .getByRole('row', { name: /EGG 4000 kg @ 26000/ })
      .first()
      .click();
    const history = page.getByTestId('item-history');
    await history.getByText('catalog.offer.published').first().waitFor();
    await history.getByText('orders.allocation.made').first().waitFor();
    await page.screenshot({ path: join(shots, 'console-flow.png'), fullPage: true });

    // Order book: the resting offer, and the allocation with the engine's explanation.
    await page.getByRole('button', { name: 'Order book', exact: true }).click();
    await page.getByTestId('offer-book').getByText(offerId.slice(-8)).waitFor();
    await page
      .getByTestId('last-orders')
      .getByText(/price rank 1 at 26,000/)
      .first()
      .waitFor();
    await page.screenshot({ path: join(shots, 'console-order-book.png'), fullPage: true });

    // Shipments: Food Station's load is planned by logistics and appears on the board.
    await page.getByRole('button', { name: 'Shipments', exact: true }).click();
    await page
      .getByTestId('shipment')
      .getByText('FS-CIPINANG-WH')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('shipment').first().locator('header').click();
    await page.getByTestId('shipment').first().getByText(/EGG/).first().waitFor();
    await page.screenshot({ path: join(shots, 'console-shipments.png'), fullPage: true });

    // Prices: the chili spike shows in the chart and on the board with its tier.
    await page.getByRole('button', { name: 'Prices', exact: true }).click();
    await page.getByTestId('price-board').getByText('CHILI_RED_CURLY').first().waitFor();
    await page
      .getByTestId('price-board')
      .getByRole('row', { name: /CHILI_RED_CURLY consumer/ })
      .click();
    await page
      .getByTestId('price-chart')
      .getByText('CHILI_RED_CURLY · consumer · jakarta')
      .waitFor();
    await page.getByTestId('price-chart').locator('.recharts-line').first().waitFor();
    await page.getByTestId('price-chart').getByText('kritis').first().waitFor();
    await page
      .getByTestId('price-chart')
      .locator('.alerts .tier')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, 'console-prices.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a BUMD place a request and confirm a receipt, and shows it only its own data', async () => {
    const page = await newPage({ width: 820, height: 1180 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'bumd', 'pasar-jaya');
    expect(await page.getByTestId('who').textContent()).toBe('bumd · pasar-jaya');
    await page.getByTestId('buyer-name').getByText('Perumda Pasar Jaya').waitFor();
    // The operator's views are not offered to a BUMD.
    expect(await page.getByRole('button', { name: 'Flow', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Shipments', exact: true }).count()).toBe(0);

    // Place a purchase request from the form: it is matched against the resting egg offer.
    const form = page.getByTestId('request-form');
    await form.locator('select[name=commodity]').selectOption('EGG');
    await form.locator('input[name=amount]').fill('1000');
    await form.locator('input[name=maxUnitPriceIdr]').fill('29000');
    await form.locator('select[name=destination]').selectOption('PIKJ');
    await form.getByRole('button', { name: 'Place request' }).click();
    // The answer itself in the failure message, should it be a refusal.
    await expectEventually(async () =>
      expect(await page.getByTestId('request-result').textContent()).toMatch(/placed/),
    );
    await page
      .getByTestId('my-requests')
      .getByRole('row', { name: /EGG.*matched/ })
      .waitFor({ timeout: 60_000 });
    const orderRow = page.getByTestId('my-orders').getByRole('row', { name: /EGG/ });
    await orderRow.waitFor({ timeout: 60_000 });
    const orderId = (await orderRow.getAttribute('data-id')) as string;

    // The load is driven to delivery by the hub; the BUMD confirms receipt in the console.
    const operator = authHeader('btc-operator');
    const shipment = await expectEventually(
      async () => {
        const list = await call<{ id: string; lines?: unknown }[]>(
          `${url.logistics}/shipments`,
          'GET',
          authHeader('bumd', 'pasar-jaya'),
        );
        expect(list).toHaveLength(1);
        return call<{ id: string; lines: { allocationId: string; amount: number }[] }>(
          `${url.logistics}/shipments/${list[0].id}`,
          'GET',
          operator,
        );
      },
      { timeoutMs: 60_000 },
    );
    for (const step of ['loading', 'depart', 'arrive'])
      await call(`${url.logistics}/shipments/${shipment.id}/${step}`, 'POST', operator, {});
    await call(`${url.logistics}/shipments/${shipment.id}/deliver`, 'POST', operator, {
      lines: shipment.lines.map((l, i) => ({
        allocationId: l.allocationId,
        receivedAmount: i === 0 ? l.amount - 100 : l.amount,
        rejectedAmount: i === 0 ? 100 : 0,
        ...(i === 0 ? { rejectionReason: 'cracked shells' } : {}),
      })),
    });
    const confirm = page
      .getByTestId('my-orders')
      .locator(`tr[data-id="${orderId}"]`)
      .getByRole('button', { name: 'Confirm receipt' });
    await confirm.waitFor({ timeout: 60_000 });
    await confirm.click();
    await page
      .getByTestId('my-orders')
      .locator(`tr[data-id="${orderId}"]`)
      .getByText('closed')
      .waitFor({ timeout: 30_000 });
    const myShipment = page.getByTestId('column-Delivered').getByTestId('shipment');
    await myShipment.waitFor();
    await myShipment.locator('header').click();
    await myShipment.getByText(/cracked shells/).waitFor();

    // Only its own data: nothing of Food Station's request, order or shipment is on the page…
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('food-station');
    expect(text).not.toContain('FS-CIPINANG-WH');
    expect(text).not.toContain(foodStationRequestId.slice(-8));
    expect(text).not.toContain(foodStationOrderId.slice(-8));
    // …and looking up Food Station's order by id is refused by the orders service.
    await page.locator('input[name=lookup]').fill(foodStationOrderId);
    expect(await page.locator('input[name=lookup]').inputValue()).toBe(foodStationOrderId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('lookup-result').waitFor();
    // The answer itself in the failure message, should it be another one.
    await expectEventually(async () =>
      expect(await page.getByTestId('lookup-result').textContent()).toMatch(/403 FORBIDDEN/),
    );
    await page.screenshot({ path: join(shots, 'console-bumd.png'), fullPage: true });

    // Food Station, signed in the same way, sees its own order and not Pasar Jaya's.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'bumd', 'food-station');
    await page.getByTestId('my-orders').locator(`tr[data-id="${foodStationOrderId}"]`).waitFor();
    expect(await page.getByTestId('my-orders').locator(`tr[data-id="${orderId}"]`).count()).toBe(0);
    const other = (await page.locator('main').textContent()) ?? '';
    expect(other).not.toContain('pasar-jaya');
    expect(errors).toEqual([]);
    await page.close();
  });
});
