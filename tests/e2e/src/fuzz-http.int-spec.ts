import { authHeader, startTestService, type TestService } from '@simpul/testing';
import fc from 'fast-check';
import { changedTables, DbFingerprint, type Fingerprint } from './fuzz/db-fingerprint';
import { FUZZ_RUNS, FUZZ_SEED, fuzzParameters, fuzzTimeout } from './fuzz/fuzz-settings';
import { type HttpCase, httpCases } from './fuzz/http-cases';
import { type Answer, errorShapeProblem, isRefusingReport, sendRaw } from './fuzz/http-send';
import {
  fetchOpenApi,
  fuzzRole,
  type FuzzRoute,
  type OpenApiDocument,
  securedRoutes,
} from './fuzz/openapi-routes';

/**
 * Bad-input fuzzing (issue 11): every secured endpoint of every service, discovered from its
 * OpenAPI document, gets hostile requests with a token of a role it allows, so that validation
 * (not auth) answers. The property: a 4xx with a stable UPPER_SNAKE code and no internals in the
 * message, never a 5xx, and the service's database unchanged. A request that may be valid by
 * chance (a well-formed string in a free-text field) may succeed; the database is then let settle
 * and becomes the new baseline, and the acceptance is counted (see docs/reliability.md).
 */
const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'] as const;
const ROUTE_BUDGET = 40;
/** Node's default max header size: a longer request line is refused by the HTTP parser. */
const HEADER_LIMIT = 16 * 1024 - 1024;

interface Subject {
  service: TestService;
  database: DbFingerprint;
  document: OpenApiDocument;
  routes: FuzzRoute[];
}

describe(`fuzz: hostile HTTP input (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per endpoint)`, () => {
  const subjects = new Map<string, Subject>();

  beforeAll(async () => {
    await Promise.all(
      SERVICES.map(async (name) => {
        const service = await startTestService(name, `fuzz_${name}`);
        const document = await fetchOpenApi(service.url);
        subjects.set(name, {
          service,
          database: await DbFingerprint.connect(service.database.url),
          document,
          routes: securedRoutes(document),
        });
      }),
    );
  }, 180_000);

  afterAll(async () => {
    for (const subject of subjects.values()) {
      await subject.database.close();
      await subject.service.stop();
    }
  });

  it.each(SERVICES)(
    '%s: every endpoint answers bad input with a 4xx and a stable code, and writes nothing',
    async (name) => {
      const subject = subjects.get(name);
      if (!subject) throw new Error(`${name} did not start`);
      expect(subject.routes.length).toBeGreaterThan(3);
      let baseline: Fingerprint = await subject.database.settled();
      const statuses = new Map<number, number>();
      const acceptedByChance: string[] = [];
      const failures: string[] = [];

      for (const route of subject.routes) {
        const { role, tenant } = fuzzRole(route);
        const auth = authHeader(role, tenant);
        const runCase = async (c: HttpCase): Promise<void> => {
          const overLong = c.target.length > HEADER_LIMIT;
          let answer: Answer;
          try {
            answer = await sendRaw(
              subject.service.url,
              route.method,
              c.target,
              { ...auth, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
              c.body,
            );
          } catch (error) {
            // Refused by the HTTP parser while the body was still being sent: the 431 is lost.
            if (overLong && /ECONNRESET|EPIPE/.test(String(error))) {
              answer = { status: 431, contentType: '', text: '' };
            } else throw error;
          }
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = `${route.method} ${c.target.slice(0, 120)} (${c.mutation}) as ${role}`;
          if (answer.status >= 500)
            throw new Error(`${what}: answered ${answer.status} ${answer.text.slice(0, 300)}`);
          const succeeded = answer.status >= 200 && answer.status < 300;
          if (succeeded && c.mayBeValid && route.method !== 'GET' && !isRefusingReport(answer)) {
            // Valid by chance: what it set off runs, then that is the state to keep.
            acceptedByChance.push(`${answer.status} ${route.method} ${route.path} (${c.mutation})`);
            baseline = await subject.database.settled();
            return;
          }
          if (answer.status === 431 && overLong) {
            // Node's HTTP parser refuses a request line over its 16 KB header limit before the
            // app sees it, with an empty 431: a refusal, but not one the platform words.
          } else if (!succeeded) {
            if (answer.status < 400)
              throw new Error(`${what}: answered ${answer.status}, not a 4xx`);
            const problem = errorShapeProblem(answer);
            if (problem) throw new Error(`${what}: ${problem}`);
          } else if (!c.mayBeValid && !isRefusingReport(answer)) {
            throw new Error(
              `${what}: accepted (${answer.status}) a request invalid by construction: ${answer.text.slice(0, 200)}`,
            );
          }
          const after = await subject.database.take();
          const changed = changedTables(baseline, after);
          if (changed.length > 0) {
            baseline = await subject.database.settled();
            throw new Error(`${what}: answered ${answer.status} yet changed ${changed.join(', ')}`);
          }
        };
        const result = await fc.check(
          fc.asyncProperty(httpCases(subject.document, route), runCase),
          fuzzParameters(),
        );
        if (result.failed) {
          const error = result.errorInstance;
          failures.push(
            `${route.method} ${route.path}: ${(error instanceof Error ? error.message : String(error)).slice(0, 700)} — replay with FUZZ_SEED=${result.seed} FUZZ_PATH=${result.counterexamplePath}`,
          );
        }
      }

      process.stdout.write(
        `[fuzz-http] ${name}: ${subject.routes.length} endpoints × ${FUZZ_RUNS} runs, answers ${JSON.stringify(Object.fromEntries(statuses))}, accepted by chance: ${acceptedByChance.length ? acceptedByChance.join('; ') : 'none'}\n`,
      );
      expect(failures).toEqual([]);
    },
    fuzzTimeout(ROUTE_BUDGET * FUZZ_RUNS, 150),
  );
});
