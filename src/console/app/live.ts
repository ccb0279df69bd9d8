import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { liveAppealEventSchema } from '../../contracts/console.schema.ts';

// Live updates: the server's Server-Sent Events (fed by PostgreSQL LISTEN/NOTIFY, so changes made through
// any server process arrive) refresh what is on screen and mark the rows that just changed.

const recent = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
const HIGHLIGHT_MS = 60_000;

function touch(number: string) {
  recent.set(number, Date.now());
  version += 1;
  for (const listener of listeners) listener();
}

/** Numbers of appeals changed in the last minute (to highlight them in a queue). */
export function useRecentlyChanged(): (number: string) => boolean {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
  return (number) => {
    const at = recent.get(number);
    return at !== undefined && Date.now() - at < HIGHLIGHT_MS;
  };
}

/**
 * Listens to the live stream while mounted; refreshes queues, counts and open cards on each change. Not for a
 * role that opens no appeal (`enabled` false: an analyst), whom the stream refuses (403).
 */
export function useLiveUpdates(sandbox: boolean, onSignedOut: () => void, enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/v1/live?sandbox=${sandbox}`);
    let pending: number | undefined;
    const refresh = (number: string | null) => {
      // An unnamed change may be an appeal leaving the viewer's scope (a complaint found to concern their
      // unit): every open card is read again, so one that is no longer theirs closes.
      void queryClient.invalidateQueries({ queryKey: number ? ['appeal', number] : ['appeal'] });
      // Many changes in a burst (a batch of intake) cost one refresh of the lists.
      window.clearTimeout(pending);
      pending = window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: ['queue'] });
        void queryClient.invalidateQueries({ queryKey: ['counts'] });
        void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      }, 300);
    };
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(false));
    source.addEventListener('appeal', (event) => {
      const parsed = liveAppealEventSchema.safeParse(JSON.parse(event.data));
      if (!parsed.success) return;
      if (parsed.data.number) touch(parsed.data.number);
      refresh(parsed.data.number);
    });
    source.addEventListener('resync', () => refresh(null));
    source.addEventListener('signed-out', () => {
      source.close();
      onSignedOut();
    });
    return () => {
      window.clearTimeout(pending);
      source.close();
    };
  }, [sandbox, queryClient, onSignedOut, enabled]);
  return connected;
}
