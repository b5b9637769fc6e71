import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, type Service } from '../api';
import { Live, Panel, Problem, Status, Table } from '../components';
import { short, time } from '../format';
import type {
  Alert,
  EventLogPage,
  HistoryEvent,
  Offer,
  Order,
  PurchaseRequest,
  Shipment,
} from '../types';
import { usePoll } from '../usePoll';

type Kind = 'offer' | 'request' | 'order' | 'shipment' | 'alert';

interface Item {
  kind: Kind;
  id: string;
  at: string;
  label: string;
  status: string;
  buyerId?: string;
  raw: unknown;
}

const KINDS: { kind: Kind; label: string; color: string }[] = [
  { kind: 'offer', label: 'Offers', color: '#2f855a' },
  { kind: 'request', label: 'Requests', color: '#2b6cb0' },
  { kind: 'order', label: 'Orders', color: '#6b46c1' },
  { kind: 'shipment', label: 'Shipments', color: '#b7791f' },
  { kind: 'alert', label: 'Alerts', color: '#c53030' },
];

async function offers(): Promise<Offer[]> {
  const all: Offer[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const q = `/offers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer = await api<{ items: Offer[]; nextCursor: string | null }>('catalog', q);
    all.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return all;
}

async function loadFlow(): Promise<Item[]> {
  const [o, r, d, s, a] = await Promise.all([
    offers(),
    api<PurchaseRequest[]>('orders', '/purchase-requests?limit=500'),
    api<Order[]>('orders', '/orders?limit=500'),
    api<Shipment[]>('logistics', '/shipments?limit=500'),
    api<Alert[]>('pricing', '/alerts?limit=500'),
  ]);
  return [
    ...o.map((x) => ({
      kind: 'offer' as const,
      id: x.id,
      at: x.publishedAt ?? '',
      label: `${x.commodityCode} ${x.quantity.amount} ${x.quantity.unit} @ ${x.unitPriceIdr}`,
      status: x.status,
      raw: x,
    })),
    ...r.map((x) => ({
      kind: 'request' as const,
      id: x.id,
      at: x.submittedAt,
      label: `${x.buyerId} ${x.commodityCode} ${x.quantity.amount} ${x.quantity.unit}`,
      status: x.status,
      buyerId: x.buyerId,
      raw: x,
    })),
    ...d.map((x) => ({
      kind: 'order' as const,
      id: x.id,
      at: x.createdAt,
      label: `${x.buyerId} ${x.commodityCode} → ${x.destinationCode}`,
      status: x.status,
      buyerId: x.buyerId,
      raw: x,
    })),
    ...s.map((x) => ({
      kind: 'shipment' as const,
      id: x.id,
      at: x.departedAt ?? x.plannedDeparture,
      label: `${x.mode} ${x.vehicle ?? ''} → ${x.destinationCode}${x.delayed ? ' (delayed)' : ''}`,
      status: x.status,
      buyerId: x.buyerId,
      raw: x,
    })),
    ...a.map((x) => ({
      kind: 'alert' as const,
      id: x.alertId,
      at: x.updatedAt,
      label: `${x.rule} ${x.commodityCode} ${x.level}/${x.region}${x.tier ? ` ${x.tier}` : ''}`,
      status: x.status,
      raw: x,
    })),
  ].sort((x, y) => y.at.localeCompare(x.at));
}

/** Items per hour over the last `hours`, one bar segment per kind. */
function timeline(items: Item[], hours = 12) {
  const now = Date.now();
  const start = now - hours * 3600_000;
  const buckets = Array.from({ length: hours }, (_, i) => {
    const from = new Date(start + i * 3600_000);
    return {
      hour: `${String(from.getHours()).padStart(2, '0')}:00`,
      offer: 0,
      request: 0,
      order: 0,
      shipment: 0,
      alert: 0,
    };
  });
  for (const item of items) {
    const t = Date.parse(item.at);
    if (!(t >= start && t <= now)) continue;
    const index = Math.min(hours - 1, Math.floor((t - start) / 3600_000));
    buckets[index][item.kind] += 1;
  }
  return buckets;
}

const SERVICES: Service[] = ['catalog', 'orders', 'logistics', 'pricing'];

/**
 * An item's event history: every service's event log (`GET /event-log?about=<id>`, the events
 * it published keyed by the id or naming it), merged in publication order. A service that does
 * not answer is named, and the others are still shown.
 */
async function historyOf(id: string): Promise<{ events: HistoryEvent[]; missing: string[] }> {
  const pages = await Promise.allSettled(
    SERVICES.map((service) =>
      api<EventLogPage>(service, `/event-log?about=${encodeURIComponent(id)}&limit=200`),
    ),
  );
  const events: HistoryEvent[] = [];
  const missing: string[] = [];
  pages.forEach((page, index) => {
    if (page.status === 'fulfilled') {
      events.push(...page.value.events.map((e) => ({ ...e, service: SERVICES[index] })));
      if (page.value.truncated) missing.push(`${SERVICES[index]} (first 200 shown)`);
    } else {
      missing.push(`${SERVICES[index]} (${(page.reason as Error).message})`);
    }
  });
  events.sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.eventId.localeCompare(b.eventId),
  );
  return { events, missing };
}

function ItemDetail({ item, onClose }: { item: Item; onClose: () => void }) {
  const history = usePoll(() => historyOf(item.id), [item.id], 5000);
  return (
    <Panel
      title={`${item.kind} ${short(item.id)}`}
      testId="item-detail"
      extra={
        <button className="link" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        <Status value={item.status} /> {item.label}
      </p>
      <h3>Event history</h3>
      <Problem error={history.error} />
      {history.data && history.data.missing.length > 0 && (
        <p className="muted">Incomplete: {history.data.missing.join('; ')}</p>
      )}
      {history.data && history.data.events.length > 0 && (
        <ol className="history" data-testid="item-history">
          {history.data.events.map((e) => (
            <li key={e.eventId}>
              <span className="muted">{time(e.publishedAt)}</span> <code>{e.type}</code>{' '}
              <span className="muted">
                from {e.service}, subject {short(String(e.event.subject ?? ''))}
              </span>
            </li>
          ))}
        </ol>
      )}
      {history.data?.events.length === 0 && <p className="muted">No events yet.</p>}
      <details>
        <summary>Details</summary>
        <pre>{JSON.stringify(item.raw, null, 2)}</pre>
      </details>
    </Panel>
  );
}

export function FlowView() {
  const flow = usePoll(loadFlow, [], 4000);
  const [selected, setSelected] = useState<Item | null>(null);
  const items = flow.data ?? [];
  const count = (kind: Kind, active?: (s: string) => boolean) =>
    items.filter((i) => i.kind === kind && (!active || active(i.status))).length;
  const tiles: { kind: Kind; label: string; total: number; note: string }[] = [
    {
      kind: 'offer',
      label: 'Offers',
      total: count('offer'),
      note: `${count('offer', (s) => s === 'published' || s === 'partially_allocated')} open`,
    },
    {
      kind: 'request',
      label: 'Requests',
      total: count('request'),
      note: `${count('request', (s) => s === 'open' || s === 'partially_matched')} open`,
    },
    {
      kind: 'order',
      label: 'Orders',
      total: count('order'),
      note: `${count('order', (s) => s === 'confirmed' || s === 'in_fulfilment')} in progress`,
    },
    {
      kind: 'shipment',
      label: 'Shipments',
      total: count('shipment'),
      note: `${count('shipment', (s) => s === 'departed' || s === 'arrived')} on the road`,
    },
    {
      kind: 'alert',
      label: 'Alerts',
      total: count('alert'),
      note: `${count('alert', (s) => s === 'open')} open`,
    },
  ];
  return (
    <div className="view">
      <Problem error={flow.error} />
      <div className="tiles" data-testid="flow-counts">
        {tiles.map((t) => (
          <div className={`tile k-${t.kind}`} key={t.kind} data-testid={`count-${t.kind}`}>
            <span className="tile-label">{t.label}</span>
            <span className="tile-value">{t.total}</span>
            <span className="muted">{t.note}</span>
          </div>
        ))}
      </div>
      <div className="grid2">
        <Panel title="Last 12 hours" extra={<Live updatedAt={flow.updatedAt} />}>
          <div className="chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={timeline(items)}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="hour" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {KINDS.map((k) => (
                  <Bar
                    key={k.kind}
                    dataKey={k.kind}
                    name={k.label}
                    stackId="a"
                    fill={k.color}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        {selected ? (
          <ItemDetail item={selected} onClose={() => setSelected(null)} />
        ) : (
          <Panel title="Event history">
            <p className="muted">Choose an item in the timeline to see its event history.</p>
          </Panel>
        )}
      </div>
      <Panel title="Timeline">
        <Table>
          <thead>
            <tr>
              <th>when</th>
              <th>kind</th>
              <th>what</th>
              <th>status</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, 60).map((i) => (
              <tr key={`${i.kind}-${i.id}`} className="clickable" onClick={() => setSelected(i)}>
                <td className="nowrap">{time(i.at)}</td>
                <td>{i.kind}</td>
                <td>{i.label}</td>
                <td>
                  <Status value={i.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
    </div>
  );
}
