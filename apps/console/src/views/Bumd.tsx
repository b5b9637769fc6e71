import { type FormEvent, useState } from 'react';
import { api, ApiError, type Session } from '../api';
import { Live, Panel, Problem, Status, Table } from '../components';
import { fmt, idr, short, time } from '../format';
import type {
  Buyer,
  Commodity,
  Delivery,
  FeedEvent,
  Order,
  PurchaseRequest,
  Shipment,
  Subscription,
} from '../types';
import { usePoll } from '../usePoll';
import { ShipmentsBoard } from './Shipments';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

function RequestForm({ buyer, onPlaced }: { buyer: Buyer; onPlaced: () => void }) {
  const commodities = usePoll(() => api<Commodity[]>('catalog', '/commodities'), [], 300_000);
  const mine = (commodities.data ?? []).filter((c) => buyer.commodityCodes.includes(c.code));
  const [form, setForm] = useState({
    commodityCode: buyer.commodityCodes[0] ?? '',
    amount: '500',
    maxUnitPriceIdr: '30000',
    minGrade: '',
    destinationCode: buyer.destinations[0]?.code ?? '',
    deliverBy: inDays(3),
    expiresAt: inDays(2),
  });
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const commodity = mine.find((c) => c.code === form.commodityCode);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    try {
      const placed = await api<{ requestId: string }>('orders', '/purchase-requests', {
        method: 'POST',
        body: {
          commodityCode: form.commodityCode,
          quantity: { amount: Number(form.amount), unit: commodity?.unit ?? 'kg' },
          maxUnitPriceIdr: Number(form.maxUnitPriceIdr),
          minGrade: form.minGrade || commodity?.grades.at(-1),
          destinationCode: form.destinationCode,
          deliverBy: new Date(form.deliverBy).toISOString(),
          expiresAt: new Date(form.expiresAt).toISOString(),
          allowPartial: true,
        },
      });
      setResult({ ok: true, text: `Request ${short(placed.requestId)} placed.` });
      onPlaced();
    } catch (error) {
      setResult({ ok: false, text: (error as Error).message });
    }
  }

  return (
    <Panel title="Place a purchase request" testId="request-form">
      <form className="form" onSubmit={submit}>
        <label>
          Commodity
          <select name="commodity" value={form.commodityCode} onChange={set('commodityCode')}>
            {buyer.commodityCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quantity ({commodity?.unit ?? '…'})
          <input name="amount" inputMode="numeric" value={form.amount} onChange={set('amount')} />
        </label>
        <label>
          Max price (Rp per {commodity?.unit ?? 'unit'})
          <input
            name="maxUnitPriceIdr"
            inputMode="numeric"
            value={form.maxUnitPriceIdr}
            onChange={set('maxUnitPriceIdr')}
          />
        </label>
        <label>
          Minimum grade
          <select name="minGrade" value={form.minGrade} onChange={set('minGrade')}>
            <option value="">any ({commodity?.grades.at(-1) ?? '…'})</option>
            {(commodity?.grades ?? []).map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Destination
          <select name="destination" value={form.destinationCode} onChange={set('destinationCode')}>
            {buyer.destinations.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Deliver by
          <input
            name="deliverBy"
            type="datetime-local"
            value={form.deliverBy}
            onChange={set('deliverBy')}
          />
        </label>
        <label>
          Open until
          <input
            name="expiresAt"
            type="datetime-local"
            value={form.expiresAt}
            onChange={set('expiresAt')}
          />
        </label>
        <div className="form-actions">
          {/* Unit and grades come from the catalog: no request before they are known. */}
          <button type="submit" className="primary" disabled={!commodity}>
            {commodity ? 'Place request' : 'Loading commodities…'}
          </button>
        </div>
      </form>
      {result && (
        <p className={result.ok ? 'ok' : 'error'} role="status" data-testid="request-result">
          {result.text}
        </p>
      )}
    </Panel>
  );
}

function Lookup() {
  const [id, setId] = useState('');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string }>();
  async function look(event: FormEvent) {
    event.preventDefault();
    const trimmed = id.trim();
    for (const path of [`/orders/${trimmed}`, `/purchase-requests/${trimmed}`]) {
      try {
        const found = await api<Order | PurchaseRequest>('orders', path);
        return setAnswer({
          ok: true,
          text: `${found.commodityCode} · ${found.status} · ${found.buyerId}`,
        });
      } catch (error) {
        // By status, not by text: the message holds the id, which may itself contain "404".
        if (!(error instanceof ApiError && error.status === 404))
          return setAnswer({ ok: false, text: (error as Error).message });
      }
    }
    setAnswer({ ok: false, text: 'not found' });
  }
  return (
    <Panel title="Look up an order or request by id">
      <form className="inline" onSubmit={look}>
        <input
          name="lookup"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="order or request id"
        />
        <button type="submit">Look up</button>
      </form>
      {answer && (
        <p className={answer.ok ? 'ok' : 'error'} data-testid="lookup-result">
          {answer.text}
        </p>
      )}
    </Panel>
  );
}

async function loadDeliveries(): Promise<(Delivery & { url: string })[]> {
  const subscriptions = await api<Subscription[]>('orders', '/webhooks/subscriptions');
  const lists = await Promise.all(
    subscriptions.map(async (s) =>
      (await api<Delivery[]>('orders', `/webhooks/subscriptions/${s.id}/deliveries?limit=20`)).map(
        (d) => ({ ...d, url: s.url }),
      ),
    ),
  );
  return lists.flat().sort((a, b) => b.seq - a.seq);
}

export function BumdView({ session }: { session: Session }) {
  const tenant = session.tenant ?? '';
  const buyer = usePoll(
    async () => (await api<Buyer[]>('orders', '/buyers')).find((b) => b.id === tenant),
    [tenant],
    300_000,
  );
  const requests = usePoll(
    () => api<PurchaseRequest[]>('orders', '/purchase-requests?limit=100'),
    [],
    3000,
  );
  const orders = usePoll(() => api<Order[]>('orders', '/orders?limit=100'), [], 3000);
  const shipments = usePoll(() => api<Shipment[]>('logistics', '/shipments?limit=100'), [], 4000);
  const feed = usePoll(
    () => api<{ events: FeedEvent[]; lastSeq: number }>('orders', '/events?limit=1000'),
    [],
    3000,
  );
  const deliveries = usePoll(loadDeliveries, [], 5000);
  const [closing, setClosing] = useState<string>();

  async function close(order: Order) {
    setClosing(order.id);
    try {
      await api('orders', `/orders/${order.id}/close`, { method: 'POST', body: {} });
      orders.refresh();
    } catch (error) {
      alert((error as Error).message);
    } finally {
      setClosing(undefined);
    }
  }

  return (
    <div className="view">
      <div className="toolbar">
        <h1 data-testid="buyer-name">{buyer.data?.name ?? tenant}</h1>
        <Live updatedAt={requests.updatedAt} />
      </div>
      <Problem error={requests.error ?? orders.error ?? shipments.error} />
      <div className="grid2">
        {buyer.data && <RequestForm buyer={buyer.data} onPlaced={requests.refresh} />}
        <Panel title="Latest events" testId="feed">
          <ol className="history">
            {(feed.data?.events ?? [])
              .slice(-8)
              .reverse()
              .map((e) => (
                <li key={e.eventId}>
                  <span className="muted">{time(e.time)}</span> <code>{e.type}</code>
                </li>
              ))}
          </ol>
          {feed.data?.events.length === 0 && <p className="muted">No events yet.</p>}
        </Panel>
      </div>
      <Panel title={`My purchase requests (${requests.data?.length ?? 0})`} testId="my-requests">
        <Table>
          <thead>
            <tr>
              <th>request</th>
              <th>buyer</th>
              <th>commodity</th>
              <th>filled</th>
              <th>max</th>
              <th>status</th>
              <th>why waiting</th>
            </tr>
          </thead>
          <tbody>
            {(requests.data ?? []).map((r) => (
              <tr key={r.id} data-id={r.id}>
                <td>
                  <code>{short(r.id)}</code>
                </td>
                <td>{r.buyerId}</td>
                <td>{r.commodityCode}</td>
                <td>
                  {fmt(r.filledAmount)} / {fmt(r.quantity.amount)} {r.quantity.unit}
                </td>
                <td>{idr(r.maxUnitPriceIdr)}</td>
                <td>
                  <Status value={r.status} />
                </td>
                <td>{r.unfilledReasons.map((u) => u.message).join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
      <Panel title={`My orders (${orders.data?.length ?? 0})`} testId="my-orders">
        <Table>
          <thead>
            <tr>
              <th>order</th>
              <th>buyer</th>
              <th>commodity</th>
              <th>to</th>
              <th>total</th>
              <th>status</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(orders.data ?? []).map((o) => (
              <tr key={o.id} data-id={o.id}>
                <td>
                  <code>{short(o.id)}</code>
                </td>
                <td>{o.buyerId}</td>
                <td>{o.commodityCode}</td>
                <td>{o.destinationCode}</td>
                <td>{idr(o.totalIdr)}</td>
                <td>
                  <Status value={o.status} />
                </td>
                <td>
                  {(o.status === 'delivered' || o.status === 'partially_delivered') && (
                    <button disabled={closing === o.id} onClick={() => void close(o)}>
                      Confirm receipt
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
      <Panel title={`My shipments (${shipments.data?.length ?? 0})`} testId="my-shipments">
        <ShipmentsBoard shipments={shipments.data ?? []} />
      </Panel>
      <Panel
        title="Webhook deliveries"
        testId="my-deliveries"
        extra={<Live updatedAt={deliveries.updatedAt} />}
      >
        <Problem error={deliveries.error} />
        <Table>
          <thead>
            <tr>
              <th>#</th>
              <th>event</th>
              <th>endpoint</th>
              <th>state</th>
              <th>attempts</th>
              <th>delivered</th>
            </tr>
          </thead>
          <tbody>
            {(deliveries.data ?? []).slice(0, 30).map((d) => (
              <tr key={d.id}>
                <td>{d.seq}</td>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td className="url">{d.url}</td>
                <td>
                  <Status value={d.state} />
                </td>
                <td>
                  {d.attempts}
                  {d.lastStatusCode ? ` (${d.lastStatusCode})` : ''}
                </td>
                <td className="nowrap">{time(d.deliveredAt)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        {deliveries.data?.length === 0 && (
          <p className="muted">No webhook subscriptions or deliveries.</p>
        )}
      </Panel>
      <Lookup />
    </div>
  );
}
