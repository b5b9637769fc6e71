import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Session } from '../api';
import { Live, Panel, Problem, Status, Table } from '../components';
import { fmt, idr, short, time } from '../format';
import type { BookEntry, Ceiling, Commodity, Order, PurchaseRequest } from '../types';
import { usePoll } from '../usePoll';

async function loadBook(commodity: string) {
  const [book, requests, ceilings, orders] = await Promise.all([
    api<BookEntry[]>('orders', `/offer-book?commodity=${commodity}&limit=200`),
    api<PurchaseRequest[]>('orders', '/purchase-requests?limit=500'),
    api<Ceiling[]>('pricing', '/ceilings'),
    api<Order[]>('orders', '/orders?limit=500'),
  ]);
  const recent = orders
    .filter((o) => o.commodityCode === commodity)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 5);
  const detailed = await Promise.all(recent.map((o) => api<Order>('orders', `/orders/${o.id}`)));
  return {
    book,
    open: requests.filter(
      (r) =>
        r.commodityCode === commodity && (r.status === 'open' || r.status === 'partially_matched'),
    ),
    ceiling: ceilings.find((c) => c.commodityCode === commodity),
    orders: detailed,
  };
}

export function OrderBookView({ session }: { session: Session }) {
  const commodities = usePoll(() => api<Commodity[]>('catalog', '/commodities'), [], 60_000);
  const [commodity, setCommodity] = useState('EGG');
  const data = usePoll(() => loadBook(commodity), [commodity], 4000);
  const unit = commodities.data?.find((c) => c.code === commodity)?.unit ?? '';
  const depth = (data.data?.book ?? []).map((e) => ({
    offer: short(e.offerId),
    price: e.unitPriceIdr,
    remaining: e.remainingAmount,
  }));
  return (
    <div className="view">
      <div className="toolbar">
        <label>
          Commodity{' '}
          <select
            value={commodity}
            onChange={(e) => setCommodity(e.target.value)}
            data-testid="book-commodity"
          >
            {(commodities.data ?? [{ code: 'EGG', nameEn: 'Eggs' } as Commodity]).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <span className="pill" data-testid="ceiling">
          ceiling {data.data?.ceiling?.publishedIdr ? idr(data.data.ceiling.publishedIdr) : 'none'}
          {data.data?.ceiling?.overrideIdr ? ' (operator override)' : ''}
        </span>
        <Live updatedAt={data.updatedAt} />
      </div>
      <Problem error={data.error ?? commodities.error} />
      <div className="grid2">
        <Panel title={`Resting offers (${data.data?.book.length ?? 0})`} testId="offer-book">
          {depth.length > 0 && (
            <div className="chart small">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={depth}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="price" tickFormatter={fmt} />
                  <YAxis />
                  <Tooltip />
                  <Bar
                    dataKey="remaining"
                    name={`remaining ${unit}`}
                    fill="#2f855a"
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <Table>
            <thead>
              <tr>
                <th>offer</th>
                <th>price</th>
                <th>grade</th>
                <th>remaining</th>
                <th>until</th>
              </tr>
            </thead>
            <tbody>
              {(data.data?.book ?? []).map((e) => (
                <tr key={e.offerId}>
                  <td>
                    <code>{short(e.offerId)}</code>
                  </td>
                  <td>{idr(e.unitPriceIdr)}</td>
                  <td>{e.grade}</td>
                  <td>
                    {fmt(e.remainingAmount)} / {fmt(e.offeredAmount)} {e.unit}
                  </td>
                  <td className="nowrap">{time(e.availableUntil)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {data.data?.book.length === 0 && <p className="muted">No resting offers.</p>}
        </Panel>
        <Panel
          title={`Open requests (${data.data?.open.length ?? 0})`}
          testId="open-requests"
          extra={session.role === 'bumd' ? <span className="muted">yours only</span> : undefined}
        >
          <Table>
            <thead>
              <tr>
                <th>buyer</th>
                <th>wants</th>
                <th>max</th>
                <th>why waiting</th>
              </tr>
            </thead>
            <tbody>
              {(data.data?.open ?? []).map((r) => (
                <tr key={r.id}>
                  <td>{r.buyerId}</td>
                  <td>
                    {fmt(r.quantity.amount - r.filledAmount)} {r.quantity.unit} ({r.minGrade}+)
                  </td>
                  <td>{idr(r.maxUnitPriceIdr)}</td>
                  <td>{r.unfilledReasons.map((u) => u.message).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Panel>
      </div>
      <Panel title="Last allocations and why" testId="last-orders">
        {(data.data?.orders ?? []).map((o) => (
          <div key={o.id} className="order">
            <p>
              <code>{short(o.id)}</code> {o.buyerId} → {o.destinationCode} · {idr(o.totalIdr)} ·{' '}
              <Status value={o.status} /> <span className="muted">{time(o.createdAt)}</span>
            </p>
            <ul>
              {(o.lines ?? []).map((l) => (
                <li key={l.allocationId}>
                  {fmt(l.quantity)} {o.unit} at {idr(l.unitPriceIdr)} —{' '}
                  <span className="explain">{l.explanation?.message ?? '—'}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {data.data?.orders.length === 0 && <p className="muted">No orders yet.</p>}
      </Panel>
    </div>
  );
}
