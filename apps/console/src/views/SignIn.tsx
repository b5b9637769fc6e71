import { type FormEvent, useEffect, useState } from 'react';
import { type Session, sessionFromToken } from '../api';

const DEV_ROLES: { role: string; tenant?: string; label: string }[] = [
  { role: 'btc-operator', label: 'BTC operator' },
  { role: 'analyst', label: 'Analyst' },
  { role: 'bumd', tenant: 'pasar-jaya', label: 'BUMD Pasar Jaya' },
  { role: 'bumd', tenant: 'food-station', label: 'BUMD Food Station' },
  { role: 'bumd', tenant: 'dharma-jaya', label: 'BUMD Dharma Jaya' },
];

export function SignIn({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [devLogin, setDevLogin] = useState(false);

  useEffect(() => {
    fetch('/console-config')
      .then((r) => (r.ok ? (r.json() as Promise<{ devLogin: boolean }>) : { devLogin: false }))
      .then((config) => setDevLogin(config.devLogin))
      .catch(() => setDevLogin(false));
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onSignIn(sessionFromToken(token));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function dev(role: string, tenant?: string) {
    const response = await fetch('/dev-login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, tenant }),
    });
    if (!response.ok) return setError(`dev login: ${response.status}`);
    const { token: minted } = (await response.json()) as { token: string };
    onSignIn(sessionFromToken(minted));
  }

  return (
    <main className="signin">
      <h1>simpul console</h1>
      <p>
        Sign in with a platform token (a JWT from your administrator, or{' '}
        <code>npm run -s token -- --role btc-operator</code> locally). The console calls the
        services with it: you see what your role may see.
      </p>
      <form onSubmit={submit} className="card">
        <label htmlFor="token">Token</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          placeholder="eyJhbGciOiJIUzI1NiIs…"
          autoComplete="off"
          spellCheck={false}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      {devLogin && (
        <section className="card devlogin">
          <h2>Local development sign-in</h2>
          <p className="warn">
            Local use only: this gateway was started with <code>--dev-login</code> and mints tokens
            for any role.
          </p>
          <div className="buttons">
            {DEV_ROLES.map((r) => (
              <button key={r.label} onClick={() => void dev(r.role, r.tenant)}>
                {r.label}
              </button>
            ))}
          </div>
        </section>
      )}
    </main>
  );
}
