import { useCallback, useRef, useState } from 'react';

/**
 * Runs one async action at a time and says when it is running, for a button's `loading` spinner
 * (exports, checks: anything that may take more than ~300 ms). A second click while busy is ignored.
 */
export function useBusy(): [busy: boolean, run: (action: () => Promise<unknown>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
