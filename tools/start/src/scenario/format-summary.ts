import type { CommodityFigures, ScenarioSummary } from './scenario-types';

const EGG_QUOTA_KG = 300_000;
const TIERS = ['rising', 'waspada', 'siaga', 'kritis'];

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;
const row = (cells: string[], widths: number[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');

/** The summary as a plain-text table for the terminal. */
export function formatSummary(summary: ScenarioSummary): string {
  return [
    `Blitar → Jakarta scenario · ${summary.days} days · seed ${summary.seed}`,
    '',
    ...commodityTable(summary.commodities),
    '',
    ...totals(summary),
    '',
    ...spike(summary),
    '',
    'checks',
    ...summary.checks.map(
      (c) => `  ${c.ok ? '✓' : '✗'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}`,
    ),
  ].join('\n');
}

function commodityTable(commodities: readonly CommodityFigures[]): string[] {
  const widths = [18, 5, 10, 10, 10, 6, 9];
  const header = ['commodity', 'unit', 'offered', 'requested', 'matched', 'fill', 'price CV'];
  const lines = commodities.map((c) =>
    row(
      [
        c.commodityCode,
        c.unit,
        number(c.offeredKg),
        number(c.requestedKg),
        number(c.matchedKg),
        c.requestedKg ? percent(c.matchedKg / c.requestedKg, 0) : '–',
        c.priceCvPercent === null ? '–' : `${c.priceCvPercent.toFixed(1)}%`,
      ],
      widths,
    ),
  );
  const kg = commodities.filter((c) => c.unit === 'kg');
  const total = (pick: (c: CommodityFigures) => number) => kg.reduce((s, c) => s + pick(c), 0);
  const requested = total((c) => c.requestedKg);
  const all = row(
    [
      'all food (kg)',
      'kg',
      number(total((c) => c.offeredKg)),
      number(requested),
      number(total((c) => c.matchedKg)),
      requested ? percent(total((c) => c.matchedKg) / requested, 0) : '–',
      '',
    ],
    widths,
  );
  const rule = '-'.repeat(widths.reduce((s, w) => s + w + 2, -2));
  return [row(header, widths), rule, ...lines, rule, all];
}

function totals(summary: ScenarioSummary): string[] {
  const s = summary.shipments;
  const eggs = summary.commodities.find((c) => c.commodityCode === 'EGG')?.matchedKg ?? 0;
  const tiers = TIERS.map((t) => `${t} ${summary.alertsByTier[t] ?? 0}`).join(' · ');
  const rules = Object.entries(summary.alertsByRule)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, n]) => `${rule} ${n}`)
    .join(' · ');
  return [
    `offers ${summary.offers} · requests ${summary.requests} · orders ${summary.orders} (${summary.closedOrders} closed, ${summary.cancellations} cancelled) · fill rate ${percent(summary.fillRate)}`,
    `eggs toward the ~300 t KAD quota: ${(eggs / 1000).toFixed(1)} t matched (${percent(eggs / EGG_QUOTA_KG, 0)})`,
    `shipments: ${s.planned} planned · ${s.delivered} delivered · ${s.failed} failed · on time ${s.onTime}/${s.delivered} (${percent(summary.onTimeRate)}) · late ${s.late} · delayed ${s.delayed}`,
    `rejected lines ${summary.rejectedLines} · trucks chartered ${summary.chartered}`,
    `alerts by tier: ${tiers}`,
    `alerts by rule: ${rules || 'none'}`,
  ];
}

function spike(summary: ScenarioSummary): string[] {
  const p = summary.priceSpike;
  const tiers = p.tiersSeen.map((t) => t ?? '–').join(' → ');
  const why =
    p.blockedRequestReasons.find((r) => r.startsWith('PRICE_ABOVE_CEILING')) ??
    p.blockedRequestReasons[0];
  const ceiling =
    p.ceilingIdr === null
      ? 'no ceiling set'
      : `ceiling Rp ${number(p.ceilingIdr)} set on day ${(p.ceilingDay ?? 0) + 1}`;
  const over =
    p.overCeilingOfferId === null
      ? 'no over-ceiling offer'
      : p.overCeilingAllocated
        ? `over-ceiling offer MATCHED (${p.overCeilingAllocated})`
        : 'over-ceiling offer not matched';
  return [
    `price spike ${p.commodityCode}: ${tiers}; ${ceiling}; ${over}`,
    ...(why ? [`  the request that wants it waits: ${why}`] : []),
  ];
}
