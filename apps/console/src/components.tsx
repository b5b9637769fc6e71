import type { ReactNode } from 'react';

export function Panel({
  title,
  children,
  extra,
  testId,
}: {
  title: string;
  children: ReactNode;
  extra?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" data-testid={testId}>
      <div className="card-head">
        <h2>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

export function Status({ value }: { value: string | null | undefined }) {
  return <span className={`status s-${value ?? 'none'}`}>{value ?? '—'}</span>;
}

export function Problem({ error }: { error: string | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Live({ updatedAt }: { updatedAt: number | undefined }) {
  return (
    <span className="live" title="refreshed automatically">
      {updatedAt ? `live · ${new Date(updatedAt).toLocaleTimeString('en-GB')}` : 'loading…'}
    </span>
  );
}

export function Table({ children }: { children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>{children}</table>
    </div>
  );
}
