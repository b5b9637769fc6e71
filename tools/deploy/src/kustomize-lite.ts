// The subset of Kustomize that infra/k8s uses, so its output can be checked where no kustomize
// binary exists: `resources` (files, and folders with a kustomization.yaml), `namespace`,
// `images` (newName, newTag) and `patches` (a file or inline; strategic merge or JSON 6902, with
// an optional `target` by kind and name). Anything else in a kustomization.yaml is refused, so
// a kustomization that grows beyond this subset fails the tests instead of rendering wrongly.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type Resource = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string } & Record<string, unknown>;
};

interface PatchEntry {
  path?: string;
  patch?: string;
  target?: { kind?: string; name?: string };
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: PatchEntry[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every YAML document of a file, empty ones left out. */
export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

/** Renders the kustomization in `dir` like `kubectl kustomize dir` (for the subset above). */
export function kustomize(dir: string): Resource[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir} has no kustomization.yaml`);
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0)
    throw new Error(`${file}: ${unsupported.join(', ')} not supported by kustomize-lite`);

  let resources: Resource[] = [];
  for (const entry of k.resources ?? []) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) resources.push(...kustomize(path));
    else resources.push(...(readYamlDocuments(path) as Resource[]));
  }
  const ids = resources.map((r) => `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${file}: ${duplicate} is declared twice`);

  for (const entry of k.patches ?? []) resources = applyPatch(dir, entry, resources);
  if (k.namespace)
    for (const r of resources) if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
  for (const image of k.images ?? []) for (const r of resources) setImage(r, image);
  return resources;
}

function applyPatch(dir: string, entry: PatchEntry, resources: Resource[]): Resource[] {
  const text = entry.path ? readFileSync(join(dir, entry.path), 'utf8') : entry.patch;
  if (text === undefined) throw new Error(`${dir}: a patch needs path or patch`);
  const patch = parse(text) as unknown;
  if (Array.isArray(patch)) {
    if (!entry.target) throw new Error(`${dir}: a JSON 6902 patch needs a target`);
    const matches = resources.filter((r) => targets(r, entry.target ?? {}));
    if (matches.length === 0) throw new Error(`${dir}: patch target matches nothing`);
    return resources.map((r) => (matches.includes(r) ? applyJson6902(r, patch) : r));
  }
  if (!isObject(patch)) throw new Error(`${dir}: a patch must be an object or a list`);
  const p = patch as Resource;
  const target = entry.target ?? { kind: p.kind, name: p.metadata?.name };
  const matches = resources.filter((r) => targets(r, target));
  if (matches.length === 0)
    throw new Error(`${dir}: patch ${p.kind}/${p.metadata?.name} matches nothing`);
  return resources.map((r) => (matches.includes(r) ? (strategicMerge(r, p) as Resource) : r));
}

function targets(r: Resource, target: { kind?: string; name?: string }): boolean {
  return (
    (!target.kind || r.kind === target.kind) && (!target.name || r.metadata.name === target.name)
  );
}

/** RFC 6902 add, replace and remove (the operations infra/k8s uses), on a copy. */
export function applyJson6902<T>(doc: T, operations: unknown[]): T {
  const copy = structuredClone(doc) as unknown;
  for (const operation of operations as { op: string; path: string; value?: unknown }[]) {
    const tokens = operation.path
      .split('/')
      .slice(1)
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`bad path ${operation.path}`);
    let parent = copy as Record<string, unknown>;
    for (const token of tokens) {
      const next = (parent as Record<string, unknown>)[token];
      if (typeof next !== 'object' || next === null)
        throw new Error(`path ${operation.path} not found`);
      parent = next as Record<string, unknown>;
    }
    const exists = Array.isArray(parent) ? Number(last) < parent.length : last in parent;
    if (operation.op === 'replace' || operation.op === 'remove') {
      if (!exists) throw new Error(`${operation.op} ${operation.path}: not found`);
    } else if (operation.op !== 'add') throw new Error(`op ${operation.op} not supported`);
    if (operation.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (Array.isArray(parent) && operation.op === 'add')
      parent.splice(last === '-' ? parent.length : Number(last), 0, operation.value);
    else parent[last] = operation.value;
  }
  return copy as T;
}

/**
 * Strategic merge as Kubernetes applies it to the fields infra/k8s patches: maps merge; lists
 * of objects with a `name` (containers, env, volumes, ports) merge item by item on that name;
 * other lists are replaced.
 */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch))
      out[key] = key in base ? strategicMerge(base[key], value) : structuredClone(value);
    return out;
  }
  const named = (list: unknown[]) =>
    list.every((item) => isObject(item) && typeof item['name'] === 'string');
  if (Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    const out = base.map((item) => {
      const match = patch.find(
        (p) => (p as { name: string }).name === (item as { name: string }).name,
      );
      return match ? strategicMerge(item, match) : item;
    });
    const added = patch.filter(
      (p) => !base.some((item) => (item as { name: string }).name === (p as { name: string }).name),
    );
    return [...added, ...out];
  }
  return structuredClone(patch);
}

function setImage(r: Resource, image: { name: string; newName?: string; newTag?: string }): void {
  const spec = (r as { spec?: { template?: { spec?: Record<string, unknown> } } }).spec?.template
    ?.spec;
  if (!spec) return;
  for (const list of ['containers', 'initContainers'] as const) {
    for (const container of (spec[list] as { image?: string }[] | undefined) ?? []) {
      const [name, tag] = splitImage(container.image ?? '');
      if (name !== image.name) continue;
      container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
}

function splitImage(image: string): [name: string, tag: string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/')
    ? [image.slice(0, at), image.slice(at + 1)]
    : [image, undefined];
}
