import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';

// Training mode: queues, counts, live updates and operator entry work on the sandbox instead of the real
// register. The choice is remembered per browser tab.

const KEY = 'murojaat.console.training';

interface Training {
  on: boolean;
  set(on: boolean): void;
}

const Context = createContext<Training>({ on: false, set: () => {} });

/** Provides training mode. */
export function TrainingProvider({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(() => sessionStorage.getItem(KEY) === '1');
  const value = useMemo<Training>(
    () => ({
      on,
      set: (next) => {
        sessionStorage.setItem(KEY, next ? '1' : '0');
        setOn(next);
      },
    }),
    [on],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Whether training mode is on, and how to switch it. */
export function useTraining(): Training {
  return useContext(Context);
}
