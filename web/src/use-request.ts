import { useCallback, useEffect, useState } from 'react';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'done'; data: T };

/**
 * Runs `load` whenever `key` changes, aborting the previous run, and exposes a retry. `key` names
 * what is loaded (e.g. the date), so a stale answer never replaces a newer one.
 */
export function useRequest<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): RequestState<T> & { retry(): void } {
  const [state, setState] = useState<{ key: string | null; attempt: number; result: RequestState<T> }>({
    key: null,
    attempt: 0,
    result: { status: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ key, attempt, result: { status: 'loading' } });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, attempt, result: { status: 'done', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, attempt, result: { status: 'failed', error } });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `key` says when it loads something else.
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key && state.attempt === attempt ? state.result : { status: 'loading' as const };
  return { ...current, retry };
}
