import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data?: T;
  error?: string;
  updatedAt?: number;
  refresh: () => void;
}

/** Loads now and again every `intervalMs` while mounted (live updates without reloading). */
export function usePoll<T>(load: () => Promise<T>, deps: unknown[], intervalMs = 4000): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: string; updatedAt?: number }>({});
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await loadRef.current();
        if (live) setState({ data, updatedAt: Date.now() });
      } catch (error) {
        if (live) setState((s) => ({ ...s, error: (error as Error).message }));
      }
      if (live) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);

  return { ...state, refresh };
}
