import { useState } from 'react';
import { api } from '../api';
import { Live, Panel, Problem, Status } from '../components';
import { fmt, pct, short, time } from '../format';
import type { Shipment } from '../types';
import { usePoll } from '../usePoll';

const COLUMNS: { title: string; statuses: string[] }[] = [
  { title: 'Planned', statuses: ['planned', 'loading'] },
  { title: 'In transit', statuses: ['departed', 'arrived'] },
  { title: 'Delivered', statuses: ['delivered'] },
  { title: 'Failed', statuses: ['failed'] },
];

function ShipmentCard({ shipment: listed }: { shipment: Shipment }) {
  const [open, setOpen] = useState(false);
  const detail = usePoll(
    () =>
      open ? api<Shipment>('logistics', `/shipments/${listed.id}`) : Promise.resolve(undefined),
    [open, listed.id],
    4000,
  );
  // The opened card shows its own, fresher, copy.
  const shipment = detail.data ?? listed;
  const lines = detail.data?.lines ?? [];
  const rejected = lines.filter((l) => (l.rejectedAmount ?? 0) > 0);
  return (
    <article className={`shipment${shipment.delayed ? ' delayed' : ''}`} data-testid="shipment">
      <header onClick={() => setOpen(!open)} className="clickable">
        <strong>{shipment.destinationCode}</strong> <Status value={shipment.status} />
        {shipment.delayed && <span className="flag">delayed</span>}
      </header>
      <p className="muted">
        {shipment.buyerId} · {shipment.mode} {shipment.vehicle ?? ''} · {fmt(shipment.weightKg)} kg
        ({pct(shipment.weightFill * 100, 0)} full)
      </p>
      <p>
        {shipment.departedAt
          ? `left ${time(shipment.departedAt)}`
          : `planned ${time(shipment.plannedDeparture)}`}
        {shipment.eta ? ` · ETA ${time(shipment.eta)}` : ''}
      </p>
      {shipment.statusReason && <p className="muted">{shipment.statusReason}</p>}
      {open && (
        <>
          <Problem error={detail.error} />
          <ul className="lines">
            {lines.map((l) => (
              <li key={l.allocationId}>
                {l.commodityCode} {fmt(l.amount)} {l.unit}
                {l.receivedAmount !== null ? ` · received ${fmt(l.receivedAmount)}` : ''}
              </li>
            ))}
          </ul>
          {rejected.length > 0 && (
            <div className="rejected">
              <strong>Rejected lines</strong>
              <ul>
                {rejected.map((l) => (
                  <li key={l.allocationId}>
                    {l.commodityCode}: {fmt(l.rejectedAmount)} {l.unit} — {l.rejectionReason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="muted">
            shipment <code>{short(shipment.id)}</code>
          </p>
        </>
      )}
    </article>
  );
}

export function ShipmentsBoard({ shipments }: { shipments: Shipment[] }) {
  return (
    <div className="board">
      {COLUMNS.map((column) => {
        const inColumn = shipments.filter((s) => column.statuses.includes(s.status));
        return (
          <section key={column.title} className="column" data-testid={`column-${column.title}`}>
            <h2>
              {column.title} <span className="muted">({inColumn.length})</span>
            </h2>
            {inColumn.map((s) => (
              <ShipmentCard key={s.id} shipment={s} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

export function ShipmentsView() {
  const data = usePoll(() => api<Shipment[]>('logistics', '/shipments?limit=500'), [], 4000);
  const shipments = data.data ?? [];
  return (
    <div className="view">
      <div className="toolbar">
        <span className="pill">{shipments.length} shipments</span>
        <span className="pill warn-pill">{shipments.filter((s) => s.delayed).length} delayed</span>
        <Live updatedAt={data.updatedAt} />
      </div>
      <Problem error={data.error} />
      <Panel title="Shipments board (tap a card for its lines and rejections)">
        <ShipmentsBoard shipments={shipments} />
      </Panel>
    </div>
  );
}
