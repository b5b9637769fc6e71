import { connect } from './api-client';
import { SPIKE_COMMODITY } from './commodity-profiles';
import { planScenario } from './day-plan';
import { postMarketPrices, waitSeriesCurrent } from './pricing-steps';
import { PRODUCER_ROSTER } from './producer-roster';
import { registerProducers } from './register-producers';
import { runDay, STEPS_PER_DAY } from './run-day';
import { newRunState, Progress, type ScenarioContext } from './scenario-context';
import type { ScenarioOptions, ScenarioSummary, ScenarioTarget } from './scenario-types';
import { summarize } from './summarize';

export { formatSummary } from './format-summary';

const DEFAULT_STALL_MS = 6_000;
const SETUP_STEPS = 2;
const SUMMARY_STEPS = 1;

/**
 * Runs the Blitar → Jakarta programme against running services: producers registered and
 * verified (unless options.producerIds brings them, as npm start's reference data does), then
 * for each simulated day Jakarta market prices, Blitar offers, BUMD requests, matching,
 * dispatch, journeys and receipts, with a chili price spike, a ceiling, a late truck, a
 * rejected line and a cancellation along the way. Returns the summary read back from the
 * services, with checks that its numbers add up.
 */
export async function runScenario(
  target: ScenarioTarget,
  options: ScenarioOptions,
): Promise<ScenarioSummary> {
  validate(options);
  const days = Math.trunc(options.days);
  const progress = new Progress(
    SETUP_STEPS + days * STEPS_PER_DAY + SUMMARY_STEPS,
    options.onProgress,
  );
  const ctx: ScenarioContext = {
    apis: connect(target),
    options,
    plan: planScenario(options.seed, days, options.rate, new Date()),
    startedAt: Date.now(),
    state: newRunState(),
    progress,
  };
  if (options.producerIds) {
    progress.start('Blitar producers from the reference data');
    for (const [key, id] of options.producerIds) ctx.state.producerIds.set(key, id);
  } else {
    progress.start('registering Blitar producers');
    const { ids } = await registerProducers(ctx.apis.catalog);
    for (const [key, id] of ids) ctx.state.producerIds.set(key, id);
  }
  progress.step(`${PRODUCER_ROSTER.length} Blitar producers verified`);
  const { history } = ctx.plan.prices;
  await postMarketPrices(ctx, history);
  const lastDate = history.at(-1)?.date;
  await waitSeriesCurrent(
    ctx,
    SPIKE_COMMODITY,
    history.filter((p) => p.date === lastDate),
  );
  progress.step('two weeks of Jakarta market prices');
  for (const day of ctx.plan.days) await runDay(ctx, day, options.stallMs ?? DEFAULT_STALL_MS);
  const summary = await summarize(ctx);
  progress.step('summary');
  return summary;
}

function validate(options: ScenarioOptions): void {
  const missing = PRODUCER_ROSTER.filter((p) => !options.producerIds?.has(p.key)).map((p) => p.key);
  if (options.producerIds && missing.length > 0)
    throw new Error(`scenario: producerIds lacks ${missing.join(', ')}`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 60)
    throw new Error(`scenario: days must be a whole number from 1 to 60, got ${options.days}`);
  if (!Number.isFinite(options.seed))
    throw new Error(`scenario: seed must be a number, got ${options.seed}`);
  if (!(options.rate > 0 && options.rate <= 50))
    throw new Error(`scenario: rate must be above 0 and at most 50, got ${options.rate}`);
}
