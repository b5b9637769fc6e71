import { lazy, type ReactElement, Suspense, useEffect, useState } from 'react';
import { type Session, sessionFromToken, useToken } from './api';
import { SignIn } from './views/SignIn';

// Each view is its own chunk, loaded when first shown: the sign-in page and a BUMD's tablet load
// only what they use, and the charting library comes with the first view that draws a chart.
const FlowView = lazy(() => import('./views/Flow').then((m) => ({ default: m.FlowView })));
const OrderBookView = lazy(() =>
  import('./views/OrderBook').then((m) => ({ default: m.OrderBookView })),
);
const ShipmentsView = lazy(() =>
  import('./views/Shipments').then((m) => ({ default: m.ShipmentsView })),
);
const PricesView = lazy(() => import('./views/Prices').then((m) => ({ default: m.PricesView })));
const BumdView = lazy(() => import('./views/Bumd').then((m) => ({ default: m.BumdView })));

type ViewId = 'flow' | 'book' | 'shipments' | 'prices' | 'bumd';

const VIEWS: Record<ViewId, { label: string; render: (s: Session) => ReactElement }> = {
  flow: { label: 'Flow', render: () => <FlowView /> },
  book: { label: 'Order book', render: (s) => <OrderBookView session={s} /> },
  shipments: { label: 'Shipments', render: () => <ShipmentsView /> },
  prices: { label: 'Prices', render: () => <PricesView /> },
  bumd: { label: 'My BUMD', render: (s) => <BumdView session={s} /> },
};

/** What each role is shown; the services still decide every call. */
function viewsFor(role: string): ViewId[] {
  if (role === 'bumd') return ['bumd', 'book', 'prices'];
  if (role === 'btc-operator' || role === 'platform-admin' || role === 'analyst')
    return ['flow', 'book', 'shipments', 'prices'];
  return ['prices'];
}

const STORAGE_KEY = 'simpul-console-token';

function restore(): Session | null {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (!saved) return null;
  try {
    return sessionFromToken(saved);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function App() {
  const [session, setSession] = useState<Session | null>(restore);
  const [view, setView] = useState<ViewId | null>(null);
  useToken(session?.token ?? null, () => signOut());

  function signIn(next: Session) {
    sessionStorage.setItem(STORAGE_KEY, next.token);
    setSession(next);
    setView(null);
  }
  function signOut() {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }
  useEffect(() => {
    document.title = session ? `simpul console · ${session.role}` : 'simpul console';
  }, [session]);

  if (!session) return <SignIn onSignIn={signIn} />;
  const allowed = viewsFor(session.role);
  const current = view && allowed.includes(view) ? view : allowed[0];
  return (
    <div className="app">
      <header className="topbar">
        <strong className="brand">simpul</strong>
        <nav className="tabs" aria-label="views">
          {allowed.map((id) => (
            <button
              key={id}
              className={id === current ? 'tab active' : 'tab'}
              aria-current={id === current ? 'page' : undefined}
              onClick={() => setView(id)}
            >
              {VIEWS[id].label}
            </button>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {session.role}
          {session.tenant ? ` · ${session.tenant}` : ''}
        </span>
        <button className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {VIEWS[current].render(session)}
        </Suspense>
      </main>
    </div>
  );
}
