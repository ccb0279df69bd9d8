import { useEffect, useRef } from 'react';

/** True when a key press belongs to a text field (shortcuts must not steal typing). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts while no text field has focus (and none while a dialog is open), plus `g` followed
 * by a letter. Keys are matched on `event.key`.
 */
export function useShortcuts(bindings: [key: string, action: () => void][]): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    let prefix = '';
    let prefixTimer: number | undefined;
    const handler = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = prefix ? `${prefix} ${event.key}` : event.key;
      if (event.key === 'g' && !prefix) {
        prefix = 'g';
        prefixTimer = window.setTimeout(() => {
          prefix = '';
        }, 1200);
        return;
      }
      prefix = '';
      window.clearTimeout(prefixTimer);
      const action = latest.current.find(([bound]) => bound === key)?.[1];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', handler);
    return () => {
      window.removeEventListener('keydown', handler);
      window.clearTimeout(prefixTimer);
    };
  }, []);
}
