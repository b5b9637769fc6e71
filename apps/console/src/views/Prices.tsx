import { useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api';
import { Live, Panel, Problem, Status, Table } from '../components';
import { fmt, idr, pct, time } from '../format';
import type { Alert, PriceStatus, SeriesPoint } from '../types';
import { usePoll } from '../usePoll';

/** The PRICE_RISE tiers: a rise strictly above these against the previous 7 days' mean. */
const TIERS = [
  { tier: 'rising', rise: 0.05, color: '#d69e2e' },
  { tier: 'waspada', rise: 0.08, color: '#dd6b20' },
  { tier: 'siaga', rise: 0.12, color: '#c53030' },
  { tier: 'kritis', rise: 0.2, color: '#742a2a' },
];

interface SeriesKey {
  commodity: string;
  level: string;
  region: string;
}

function PriceChart({ series }: { series: SeriesKey }) {
  const data = usePoll(
    () =>
      Promise.all([
        api<SeriesPoint[]>(
          'pricing',
          `/prices/${series.commodity}/series?level=${series.level}&region=${series.region}&days=60`,
        ),
        api<Alert[]>('pricing', `/alerts?commodity=${series.commodity}&limit=20`),
      ]),
    [series.commodity, series.level, series.region],
    5000,
  );
  const points = data.data?.[0] ?? [];
  const alerts = (data.data?.[1] ?? []).filter(
    (a) => a.level === series.level && a.region === series.region,
  );
  const last = points.at(-1);
  // The base of the tiers: the 7-day mean before the latest day.
  const base = points.at(-2)?.rollingMean7Idr ?? last?.rollingMean7Idr;
  const values = points.flatMap((p) => [p.minIdr, p.maxIdr]);
  const top = Math.max(...values, last?.referenceMaxIdr ?? 0, base ? base * 1.22 : 0);
  const bottom = Math.min(...values, last?.referenceMinIdr ?? Infinity);
  return (
    <Panel
      title={`${series.commodity} · ${series.level} · ${series.region}`}
      testId="price-chart"
      extra={<Live updatedAt={data.updatedAt} />}
    >
      <Problem error={data.error} />
      {points.length === 0 ? (
        <p className="muted">No observations yet.</p>
      ) : (
        <div className="chart tall">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ right: 60 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis
                domain={[Math.floor(bottom * 0.95), Math.ceil(top * 1.02)]}
                tickFormatter={fmt}
                width={70}
              />
              <Tooltip formatter={(v) => idr(Number(v))} />
              <Legend />
              {last?.referenceMinIdr != null && last.referenceMaxIdr != null && (
                <ReferenceArea
                  y1={last.referenceMinIdr}
                  y2={last.referenceMaxIdr}
                  fill="#38a169"
                  fillOpacity={0.08}
                  label={{ value: 'reference band (HET/HAP)', position: 'insideTopLeft' }}
                />
              )}
              {base &&
                TIERS.map((t) => (
                  <ReferenceLine
                    key={t.tier}
                    y={Math.round(base * (1 + t.rise))}
                    stroke={t.color}
                    strokeDasharray="4 4"
                    label={{ value: t.tier, position: 'right', fill: t.color, fontSize: 12 }}
                  />
                ))}
              <Line
                dataKey="meanIdr"
                name="daily mean"
                stroke="#2b6cb0"
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                dataKey="rollingMean7Idr"
                name="7-day mean"
                stroke="#718096"
                dot={false}
                strokeDasharray="6 3"
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <h3>Alerts</h3>
      <ul className="alerts">
        {alerts.map((a) => (
          <li key={a.alertId}>
            <Status value={a.status} />{' '}
            {a.tier && <span className={`tier t-${a.tier}`}>{a.tier}</span>} {a.message}{' '}
            <span className="muted">{time(a.updatedAt)}</span>
          </li>
        ))}
        {alerts.length === 0 && <li className="muted">No alerts for this series.</li>}
      </ul>
    </Panel>
  );
}

export function PricesView() {
  const board = usePoll(() => api<PriceStatus[]>('pricing', '/prices/status'), [], 5000);
  const [selected, setSelected] = useState<SeriesKey | null>(null);
  const rows = [...(board.data ?? [])].sort(
    (a, b) => tierRank(b.tier) - tierRank(a.tier) || a.commodityCode.localeCompare(b.commodityCode),
  );
  const series =
    selected ??
    (rows[0]
      ? { commodity: rows[0].commodityCode, level: rows[0].level, region: rows[0].region }
      : null);
  return (
    <div className="view">
      <Problem error={board.error} />
      {series && <PriceChart series={series} />}
      <Panel title="Status board" testId="price-board" extra={<Live updatedAt={board.updatedAt} />}>
        <Table>
          <thead>
            <tr>
              <th>commodity</th>
              <th>series</th>
              <th>latest</th>
              <th>reference</th>
              <th>CV 30 d</th>
              <th>week</th>
              <th>tier</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.commodityCode}-${r.level}-${r.region}`}
                className="clickable"
                onClick={() =>
                  setSelected({ commodity: r.commodityCode, level: r.level, region: r.region })
                }
              >
                <td>{r.commodityCode}</td>
                <td>
                  {r.level} · {r.region}
                </td>
                <td>{idr(r.latestIdr)}</td>
                <td>
                  {r.reference
                    ? `${r.reference.kind} ${fmt(r.reference.minIdr)}–${fmt(r.reference.maxIdr)}`
                    : '—'}
                </td>
                <td>{pct(r.cv30Percent)}</td>
                <td>{pct(r.weekOverWeekPercent)}</td>
                <td>{r.tier ? <span className={`tier t-${r.tier}`}>{r.tier}</span> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
    </div>
  );
}

const tierRank = (tier: string | null) => (tier ? TIERS.findIndex((t) => t.tier === tier) + 1 : 0);
