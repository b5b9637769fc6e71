// infra/k8s cannot be applied here (no cluster): these checks render each overlay with the
// Kustomize subset in kustomize-lite.ts and, where `kubectl` is installed, compare that with
// `kubectl kustomize`, then read what a cluster would receive.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ALL_TOPICS, dlqTopicFor } from '@simpul/contracts';
import { loadConfig } from '@simpul/platform';
import { parseAllDocuments } from 'yaml';
import { SERVICES, serviceConfigClass } from './config-classes';
import { kustomize, type Resource } from './kustomize-lite';
import { findRepoRoot } from './repo-root';
import { requiredEnvironment } from './required-env';

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  terminationGracePeriodSeconds?: number;
  restartPolicy?: string;
}
type Workload = Resource & {
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
      spec: PodSpec;
    };
  };
};

const root = findRepoRoot(__dirname);
const OVERLAYS = ['local', 'production'] as const;
const overlayDir = (overlay: string) => join(root, 'infra', 'k8s', 'overlays', overlay);
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, kustomize(overlayDir(o))])) as Record<
  (typeof OVERLAYS)[number],
  Resource[]
>;
const find = (resources: Resource[], kind: string, name: string) => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** Objects with their lists of named items in name order, keys sorted: comparable across renderers. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((i) => typeof i === 'object' && i !== null && 'name' in i)
      ? [...items].sort((a, b) =>
          String((a as { name: string }).name).localeCompare(String((b as { name: string }).name)),
        )
      : items;
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  return value;
}
const byId = (resources: unknown[]) =>
  Object.fromEntries(
    (resources as Resource[]).map((r) => [
      `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`,
      normalise(r),
    ]),
  );

describe.each(OVERLAYS)('infra/k8s overlay %s', (overlay) => {
  const resources = rendered[overlay];

  (hasKubectl ? it : it.skip)('renders the same as `kubectl kustomize`', () => {
    const out = spawnSync('kubectl', ['kustomize', overlayDir(overlay)], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const fromKubectl = parseAllDocuments(out.stdout).map((d) => d.toJS() as unknown);
    expect(byId(fromKubectl)).toEqual(byId(resources));
  });

  it('puts every namespaced resource in the namespace simpul, and holds no Secret', () => {
    for (const r of resources) {
      expect(typeof r.apiVersion).toBe('string');
      if (r.kind !== 'Namespace')
        expect({ id: `${r.kind}/${r.metadata.name}`, ns: r.metadata.namespace }).toEqual({
          id: `${r.kind}/${r.metadata.name}`,
          ns: 'simpul',
        });
    }
    expect(resources.filter((r) => r.kind === 'Secret')).toEqual([]);
  });

  describe.each(SERVICES)('service %s', (service) => {
    const name = `simpul-${service}`;
    const deployment = find(resources, 'Deployment', name) as Workload;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];

    it('has a Deployment with startup, readiness and liveness probes on the health endpoints', () => {
      expect(pod.containers).toHaveLength(1);
      expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    });

    it('has resource requests and a memory limit, a non-root read-only container, and time to drain', () => {
      expect(container.resources?.requests).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container.resources?.limits?.['memory']).toEqual(expect.any(String));
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      // The service drains within 15 s of SIGTERM (plus 5 s of preStop).
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(20);
      expect(deployment.spec.replicas).toBeUndefined();
      expect(deployment.spec.template.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '8080',
        'prometheus.io/path': '/metrics',
      });
    });

    it('takes its secrets from Secrets and the rest from ConfigMaps, covering what the config class requires', () => {
      const secretRefs = Object.fromEntries(
        (container.env ?? [])
          .filter((e) => e.valueFrom?.secretKeyRef)
          .map((e) => [e.name, e.valueFrom?.secretKeyRef]),
      );
      expect(secretRefs).toEqual({
        DATABASE_URL: { name: `${name}-db`, key: 'DATABASE_URL' },
        AUTH_JWT_SECRET: { name: 'simpul-auth', key: 'AUTH_JWT_SECRET' },
        // Present in the Secret only during a rotation.
        AUTH_JWT_PREVIOUS_SECRET: {
          name: 'simpul-auth',
          key: 'AUTH_JWT_PREVIOUS_SECRET',
          optional: true,
        },
      });
      const configMaps = (container.envFrom ?? []).map((e) => e.configMapRef?.name ?? '');
      expect(configMaps).toEqual(['simpul-common', name]);
      const env: Record<string, string> = {};
      for (const cm of configMaps)
        Object.assign(
          env,
          (find(resources, 'ConfigMap', cm) as unknown as { data: Record<string, string> }).data,
        );
      for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
      const configClass = serviceConfigClass(root, service);
      for (const variable of requiredEnvironment(configClass))
        expect(Object.keys(env).concat(Object.keys(secretRefs))).toContain(variable);
      // With the Secrets' values filled in, the configuration validates as the service would at start.
      const config = loadConfig(configClass, {
        ...env,
        DATABASE_URL: `postgres://u:p@db:5432/simpul_${service}`,
        AUTH_JWT_SECRET: 'x'.repeat(40),
      });
      expect(config).toMatchObject({
        PORT: 8080,
        DB_MIGRATIONS_RUN: false,
        KAFKA_PROVISION_TOPICS: false,
      });
    });

    it('has a Service, a PodDisruptionBudget and a HorizontalPodAutoscaler that select its pods', () => {
      const labels = deployment.spec.template.metadata.labels;
      const selects = (selector: Record<string, string>) =>
        Object.entries(selector).every(([k, v]) => labels[k] === v);
      expect(selects(deployment.spec.selector?.matchLabels ?? {})).toBe(true);
      const svc = find(resources, 'Service', name) as Resource & {
        spec: { selector: Record<string, string>; ports: { targetPort: string }[] };
      };
      expect(selects(svc.spec.selector)).toBe(true);
      expect(svc.spec.ports[0].targetPort).toBe('http');
      const pdb = find(resources, 'PodDisruptionBudget', name) as Resource & {
        spec: { selector: { matchLabels: Record<string, string> } };
      };
      expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
      const hpa = find(resources, 'HorizontalPodAutoscaler', name) as Resource & {
        spec: {
          scaleTargetRef: { kind: string; name: string };
          minReplicas: number;
          maxReplicas: number;
        };
      };
      expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
      // More consumers than partitions sit idle: no point scaling past the widest topic.
      expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(
        Math.max(...ALL_TOPICS.map((t) => t.partitions)),
      );
    });

    it('has a migration Job on the same image, running migrate.js with the database secret', () => {
      const job = find(resources, 'Job', `simpul-migrate-${service}`) as Workload;
      const migrate = job.spec.template.spec.containers[0];
      expect(migrate.image).toBe(container.image);
      expect(migrate.command).toEqual(['node', `dist/services/${service}/src/migrate.js`]);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(migrate.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual({
        name: `${name}-db`,
        key: 'DATABASE_URL',
      });
      expect(job.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    });

    it('uses a tagged image', () => {
      expect(container.image).toMatch(new RegExp(`(^|/)simpul-${service}:[\\w.-]+$`));
      expect(container.image.endsWith(':latest')).toBe(false);
    });
  });

  it('declares every topic and DLQ of the registry as a KafkaTopic, replicated for this cluster', () => {
    const topics = resources.filter((r) => r.kind === 'KafkaTopic') as (Resource & {
      spec: {
        topicName: string;
        partitions: number;
        replicas: number;
        config: Record<string, unknown>;
      };
    })[];
    const expected = ALL_TOPICS.flatMap((t) => [t, dlqTopicFor(t)]);
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(expected.map((t) => t.name).sort());
    const replicas = overlay === 'local' ? 1 : 3;
    for (const topic of topics) {
      expect(topic.spec.replicas).toBe(replicas);
      expect(Number(topic.spec.config['min.insync.replicas'])).toBeLessThan(
        replicas + (replicas === 1 ? 1 : 0),
      );
    }
  });
});

describe('kustomize-lite', () => {
  it('refuses what it does not implement', () => {
    const dir = join(root, 'infra', 'k8s', 'base');
    expect(() => kustomize(dir)).not.toThrow();
    expect(() => kustomize(join(root, 'infra', 'k8s'))).toThrow(/no kustomization.yaml/);
  });
});
