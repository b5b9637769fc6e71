import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TargetGuard } from './target-guard';
import { WebhookSender } from './webhook-sender';
import { signatureHeader } from './webhook-signature';
import { createHmac } from 'node:crypto';

describe('webhook target guard', () => {
  const strict = new TargetGuard(false);

  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['fd00::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, range) => {
    expect(strict.refusal(address)).toContain(`is a ${range} address`);
  });

  it.each(['36.66.1.10', '8.8.8.8', '2001:4860:4860::8888'])(
    'lets public address %s through',
    (address) => {
      expect(strict.refusal(address)).toBeUndefined();
    },
  );

  it('lets everything through when private targets are allowed', () => {
    expect(new TargetGuard(true).refusal('127.0.0.1')).toBeUndefined();
  });

  it('refuses a name that resolves to loopback at connect time, before any byte is sent', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = new WebhookSender(strict, 2_000, 4);
    try {
      const byName = await sender.send({
        url: `http://localhost:${port}/x`,
        body: '{}',
        headers: {},
      });
      expect(byName.statusCode).toBeUndefined();
      expect(byName.error).toMatch(/loopback address/);
      const byLiteral = await sender.send({
        url: `http://127.0.0.1:${port}/x`,
        body: '{}',
        headers: {},
      });
      expect(byLiteral.error).toMatch(/loopback address/);
      expect(requests).toBe(0);

      const open = new WebhookSender(new TargetGuard(true), 2_000, 4);
      const allowed = await open.send({
        url: `http://localhost:${port}/x`,
        body: '{}',
        headers: {},
      });
      open.close();
      expect(allowed.statusCode).toBe(200);
      expect(requests).toBe(1);
    } finally {
      sender.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = new WebhookSender(new TargetGuard(true), 300, 1);
    try {
      const result = await sender.send({
        url: `http://127.0.0.1:${port}/`,
        body: '{}',
        headers: {},
      });
      expect(result.error).toMatch(/no answer within 300 ms/);
      expect(result.durationMs).toBeGreaterThanOrEqual(290);
    } finally {
      sender.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('webhook signature', () => {
  it('signs "<t>.<body>" with every secret given, current first', () => {
    const body = '{"id":"x"}';
    const header = signatureHeader(['new-secret', 'old-secret'], body, 1_795_900_000);
    const mac = (secret: string) =>
      createHmac('sha256', secret).update(`1795900000.${body}`).digest('hex');
    expect(header).toBe(`t=1795900000,v1=${mac('new-secret')},v1=${mac('old-secret')}`);
  });
});
