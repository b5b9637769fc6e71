// docker-compose.yml cannot be run here (no Docker engine): these checks read it instead, against
// the Compose schema, the services' config classes and the files it mounts.
import 'reflect-metadata';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@simpul/platform';
import { parse } from 'yaml';
import { SERVICES, serviceConfigClass } from './config-classes';
import { findRepoRoot } from './repo-root';
import { interpolate, requiredEnvironment } from './required-env';

interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
  stop_grace_period?: string;
}

const root = findRepoRoot(__dirname);
const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const PORTS = { catalog: 3001, orders: 3002, logistics: 3003, pricing: 3004 };

/** A service's environment as `docker compose` would pass it, with AUTH_JWT_SECRET set. */
function environmentOf(
  service: ComposeService,
  env: Record<string, string> = { AUTH_JWT_SECRET: SECRET },
) {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]),
  );
}

const seconds = (duration: string) => {
  const m = /^(\d+)(s|m)$/.exec(duration);
  if (!m) throw new Error(`unexpected duration ${duration}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // The schema ships with the docker-compose package (a testcontainers dependency); ajv 6 with eslint.
    const schemaFile = join(root, 'node_modules', 'docker-compose', 'schema', 'compose-spec.json');
    expect(existsSync(schemaFile)).toBe(true);
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    delete schema['$schema'];
    const Ajv = require('ajv') as new (options: object) => {
      compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] };
    };
    const validate = new Ajv({ allErrors: true, unknownFormats: 'ignore' }).compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema does catch mistakes: an unknown key is refused.
    expect(validate({ services: { catalog: { image: 'x', restart_policy: 'always' } } })).toBe(
      false,
    );
  });

  it('pins every image to a version tag (no latest, no untagged image)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[^:]+:[^:]+$/),
      });
      expect(service.image?.endsWith(':latest')).toBe(false);
    }
  });

  it('runs the same Kafka version as the tests, and the init script creates every service database', () => {
    const launcher = readFileSync(join(root, 'infra', 'kafka', 'local-kafka.js'), 'utf8');
    const version = compose.services['kafka'].image?.split(':')[1] ?? '';
    expect(compose.services['kafka'].image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    expect(launcher).toContain(`'${version}'`);
    const sql = readFileSync(join(root, 'infra', 'postgres', 'init-databases.sql'), 'utf8');
    for (const service of SERVICES) {
      const url = new URL(environmentOf(compose.services[service])['DATABASE_URL']);
      expect(url.hostname).toBe('postgres');
      expect(sql).toContain(`CREATE DATABASE ${url.pathname.slice(1)};`);
    }
    for (const mount of compose.services['postgres'].volumes ?? []) {
      const source = mount.split(':')[0];
      if (source.startsWith('./')) expect(existsSync(join(root, source))).toBe(true);
    }
  });

  it('derives the required variables from the config classes (and notices a new one)', () => {
    expect(requiredEnvironment(serviceConfigClass(root, 'catalog'))).toEqual([
      'AUTH_JWT_SECRET',
      'DATABASE_URL',
    ]);
    class WithNewRequirement extends serviceConfigClass(root, 'catalog') {
      @((require('class-validator') as typeof import('class-validator')).IsString())
      NEW_REQUIRED_SETTING!: string;
    }
    expect(requiredEnvironment(WithNewRequirement)).toContain('NEW_REQUIRED_SETTING');
  });

  describe.each(SERVICES)('service %s', (name) => {
    const service = compose.services[name];
    const configClass = serviceConfigClass(root, name);

    it('is built from the root Dockerfile for this service', () => {
      expect(service.build).toEqual({ context: '.', args: { SERVICE: name } });
      expect(service.command).toBeUndefined();
    });

    it('has a health check on /health/ready, a restart policy and time to drain on stop', () => {
      expect(service.healthcheck?.disable).toBeUndefined();
      expect(service.healthcheck?.test?.join(' ')).toContain('/health/ready');
      expect(service.restart).toBe('unless-stopped');
      expect(seconds(service.stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(20);
    });

    it('starts after Kafka and PostgreSQL are healthy and its topics and migrations jobs completed', () => {
      expect(service.depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        topics: { condition: 'service_completed_successfully' },
        [`migrate-${name}`]: { condition: 'service_completed_successfully' },
      });
    });

    it('sets every variable its config class requires, and the environment validates', () => {
      const env = environmentOf(service);
      for (const variable of requiredEnvironment(configClass)) expect(env).toHaveProperty(variable);
      const config = loadConfig(configClass, env);
      expect(config).toMatchObject({
        PORT: 8080,
        KAFKA_BROKERS: 'kafka:9092',
        DB_MIGRATIONS_RUN: false,
        KAFKA_PROVISION_TOPICS: false,
        AUTH_JWT_SECRET: SECRET,
      });
      expect(new URL(config.DATABASE_URL).pathname).toBe(`/simpul_${name}`);
    });

    it('refuses to start without AUTH_JWT_SECRET (a required-variable error)', () => {
      expect(() => environmentOf(service, {})).toThrow(/AUTH_JWT_SECRET/);
    });

    it('publishes its port on 127.0.0.1 only', () => {
      expect(service.ports).toEqual([`127.0.0.1:${PORTS[name]}:8080`]);
    });

    it('has a migration job on the same image and database, after PostgreSQL is healthy', () => {
      const job = compose.services[`migrate-${name}`];
      expect(job.image).toBe(service.image);
      expect(job.build).toEqual(service.build);
      expect(job.command).toEqual(['node', `dist/services/${name}/src/migrate.js`]);
      expect(existsSync(join(root, 'services', name, 'src', 'migrate.ts'))).toBe(true);
      expect(environmentOf(job)['DATABASE_URL']).toBe(environmentOf(service)['DATABASE_URL']);
      expect(job.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(job.restart).toBe('no');
    });
  });

  it('provisions the topics with a one-shot job after Kafka is healthy', () => {
    const topics = compose.services['topics'];
    expect(topics.command).toEqual(['node', 'dist/libs/messaging/src/topics/provision.cli.js']);
    expect(existsSync(join(root, 'libs', 'messaging', 'src', 'topics', 'provision.cli.ts'))).toBe(
      true,
    );
    expect(topics.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(environmentOf(topics)).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      KAFKA_REPLICATION_FACTOR: '1',
    });
  });

  it('has the observability and kafka-ui profiles, with every mounted file present', () => {
    expect(compose.services['prometheus'].profiles).toEqual(['observability']);
    expect(compose.services['grafana'].profiles).toEqual(['observability']);
    expect(compose.services['kafka-ui'].profiles).toEqual(['kafka-ui']);
    for (const service of Object.values(compose.services))
      for (const mount of service.volumes ?? []) {
        const source = mount.split(':')[0];
        if (source.startsWith('./'))
          expect({ mount, exists: existsSync(join(root, source)) }).toEqual({
            mount,
            exists: true,
          });
        else expect(compose.volumes).toHaveProperty(source);
      }
    const unprofiled = Object.entries(compose.services)
      .filter(([, s]) => !s.profiles)
      .map(([n]) => n);
    expect(unprofiled.sort()).toEqual(
      ['kafka', 'postgres', 'topics', ...SERVICES, ...SERVICES.map((s) => `migrate-${s}`)].sort(),
    );
  });
});

describe('Prometheus and Grafana (compose profile observability)', () => {
  const prometheus = parse(
    readFileSync(join(root, 'infra', 'prometheus', 'prometheus.yml'), 'utf8'),
  ) as {
    scrape_configs: {
      job_name: string;
      metrics_path?: string;
      static_configs: { targets: string[] }[];
    }[];
  };
  const dashboard = JSON.parse(
    readFileSync(join(root, 'infra', 'grafana', 'dashboards', 'simpul.json'), 'utf8'),
  ) as {
    uid: string;
    panels: {
      type: string;
      title: string;
      targets?: { expr: string; datasource: { uid: string } }[];
    }[];
  };

  /** Every metric name the code registers (prom-client `name: 'simpul_…'`). */
  function registeredMetrics(): Set<string> {
    const names = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.includes('spec.ts'))
          for (const m of readFileSync(path, 'utf8').matchAll(/name: '(simpul_[a-z_]+)'/g))
            names.add(m[1]);
      }
    };
    for (const top of ['libs', 'services']) walk(join(root, top));
    return names;
  }

  it('scrapes /metrics of every service on the compose network', () => {
    const job = prometheus.scrape_configs.find((c) => c.job_name === 'simpul');
    expect(job?.metrics_path).toBe('/metrics');
    expect(job?.static_configs.flatMap((c) => c.targets).sort()).toEqual(
      SERVICES.map((s) => `${s}:8080`).sort(),
    );
  });

  it('has a dashboard whose queries use only metrics the services export, on the provisioned datasource', () => {
    const datasources = parse(
      readFileSync(
        join(root, 'infra', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'),
        'utf8',
      ),
    ) as { datasources: { uid: string; url: string }[] };
    const uid = datasources.datasources[0].uid;
    expect(datasources.datasources[0].url).toBe('http://prometheus:9090');
    const known = registeredMetrics();
    expect(known.has('simpul_events_consumed_total')).toBe(true);
    const used = new Set<string>();
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource.uid).toBe(uid);
        for (const [metric] of target.expr.matchAll(/simpul_[a-z_]+/g)) {
          used.add(metric);
          const base = metric.replace(/_(bucket|count|sum)$/, '');
          // Node's default metrics carry the simpul_node_ prefix (prom-client collectDefaultMetrics).
          if (!metric.startsWith('simpul_node_'))
            expect({ metric, known: known.has(base) }).toEqual({ metric, known: true });
        }
      }
    }
    // The panels the operations guide describes.
    for (const metric of [
      'simpul_events_produced_total',
      'simpul_events_consumed_total',
      'simpul_consumer_lag_messages',
      'simpul_dead_letters_total',
      'simpul_outbox_backlog_events',
      'simpul_outbox_oldest_age_seconds',
      'simpul_http_request_duration_seconds_bucket',
      'simpul_orders_open_requests',
      'simpul_orders_matched_quantity',
      'simpul_logistics_shipments',
      'simpul_pricing_active_alerts',
    ])
      expect(used).toContain(metric);
  });
});
