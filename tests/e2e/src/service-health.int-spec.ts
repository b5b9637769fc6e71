import { JwtService } from '@nestjs/jwt';
import { join } from 'node:path';
import {
  allocatePort,
  authHeader,
  createTestDatabase,
  expectEventually,
  repoRoot,
  type ServiceProcess,
  spawnService,
  startService,
  TEST_AUTH_SECRET,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';

const launcher = require(join(repoRoot(), 'infra/kafka/local-kafka.js')) as {
  ensureKafka(options: {
    port: number;
    fresh?: boolean;
    log?: () => void;
  }): Promise<{ brokers: string }>;
  stopKafka(options: { port: number; log?: () => void }): Promise<boolean>;
};

describe('service process: configuration and health', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('health');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('refuses to start on a bad environment and names each bad variable', async () => {
    const proc = spawnService('pricing', {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://nowhere/x',
      KAFKA_BROKERS: testKafkaBrokers(),
    });
    expect(await proc.exited).toBe(1);
    const output = proc.output();
    expect(output).toContain('refusing to start: invalid environment');
    expect(output).toContain('PORT');
    expect(output).toContain('DATABASE_URL must be a postgres:// URL');
  });

  it.each(['catalog', 'orders', 'logistics', 'pricing'])(
    '%s answers liveness and readiness and serves its OpenAPI docs',
    async (service) => {
      const proc = await startService(service, {
        PORT: String(allocatePort()),
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers(),
        KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      });
      try {
        expect((await fetch(`${proc.url}/health/live`)).status).toBe(200);
        const ready = await fetch(`${proc.url}/health/ready`);
        expect(await ready.json()).toMatchObject({
          status: 'ok',
          info: { database: { status: 'up' }, kafka: { status: 'up' } },
        });
        const docs = await fetch(`${proc.url}/docs-json`);
        expect(((await docs.json()) as { paths: object }).paths).toHaveProperty(['/health/ready']);
        const line = proc
          .output()
          .split('\n')
          .find((l) => l.includes('ready on http'));
        expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'log', context: service });
      } finally {
        expect(await proc.stop('SIGTERM')).toBe(0);
      }
    },
  );

  it('accepts tokens of the previous secret during a rotation, and of no other', async () => {
    const newSecret = 'rotated-secret-for-this-test-only-0123456789abcdef';
    const proc = await startService('catalog', {
      PORT: String(allocatePort()),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      AUTH_JWT_SECRET: newSecret,
      AUTH_JWT_PREVIOUS_SECRET: TEST_AUTH_SECRET,
    });
    const signed = (secret: string) => ({
      authorization: `Bearer ${new JwtService().sign(
        { role: 'analyst' },
        {
          secret,
          algorithm: 'HS256',
          subject: 'rotation',
          issuer: 'simpul',
          audience: 'simpul',
          expiresIn: 600,
        },
      )}`,
    });
    const commodities = (headers: Record<string, string>) =>
      fetch(`${proc.url}/commodities`, { headers }).then((r) => r.status);
    try {
      expect(await commodities(signed(newSecret))).toBe(200);
      expect(await commodities(authHeader('analyst'))).toBe(200);
      expect(await commodities(signed('a-third-secret-nobody-configured-0123456789ab'))).toBe(401);
    } finally {
      await proc.stop('SIGTERM');
    }
  });

  describe('with a broker of its own that the test stops', () => {
    const port = 19592;
    let proc: ServiceProcess | undefined;

    afterAll(async () => {
      await proc?.stop('SIGKILL');
      await launcher.stopKafka({ port, log: () => undefined });
    });

    it('answers /health/ready 503 while Kafka is down and 200 once it is back', async () => {
      const { brokers } = await launcher.ensureKafka({ port, fresh: true, log: () => undefined });
      proc = await startService('logistics', {
        PORT: String(allocatePort()),
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers,
      });
      const ready = () => fetch(`${proc?.url}/health/ready`);
      expect((await ready()).status).toBe(200);

      await launcher.stopKafka({ port, log: () => undefined });
      const down = await expectEventually(async () => {
        const response = await ready();
        expect(response.status).toBe(503);
        return response.json();
      });
      expect(down).toMatchObject({
        status: 'error',
        error: { kafka: { status: 'down' } },
        info: { database: { status: 'up' } },
      });
      expect((await fetch(`${proc.url}/health/live`)).status).toBe(200);

      await launcher.ensureKafka({ port, log: () => undefined });
      await expectEventually(async () => expect((await ready()).status).toBe(200), {
        timeoutMs: 60_000,
      });
    });
  });
});
