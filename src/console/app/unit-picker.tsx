import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useI18n } from './i18n.tsx';
import { useUnits } from './reference.ts';
import { useSession } from './session.tsx';
import { Button } from './ui.tsx';
import { fold, indexUnits, searchUnits, type UnitEntry } from './unit-search.ts';

/** How many units the list shows at once: enough to scan, few enough to render on every keystroke. */
const SHOWN = 50;

/** A unit's place in the tree, read top down: "Region › Body · CODE". */
function UnitPath({ entry }: { entry: UnitEntry }) {
  return (
    <span className="unit-path">
      {entry.path.length > 0 ? `${entry.path.join(' › ')} · ` : ''}
      <code>{entry.code}</code>
    </span>
  );
}

/**
 * Picks one or several units by name (in the interface language) or code: a combobox whose list shows
 * the best matches, nearest the person's own unit first, each with its path in the tree. With several,
 * the first is the lead unit. `name` adds a hidden input carrying the chosen code for a plain form.
 */
export function UnitPicker({
  label,
  value,
  onChange,
  multiple,
  required,
  error,
  name,
}: {
  label: string;
  value: string[];
  onChange(codes: string[]): void;
  multiple?: boolean;
  required?: boolean;
  error?: string | undefined;
  name?: string;
}) {
  const { t, language } = useI18n();
  const session = useSession();
  const units = useUnits();
  const id = useId();
  const listId = `${id}-list`;
  const index = useMemo(() => indexUnits(units.data ?? [], language), [units.data, language]);
  // null while the person is not typing: the field then shows the chosen unit's name.
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = text ?? '';
  const { results, total } = useMemo(
    () =>
      searchUnits(index, query, {
        own: session.user.unit?.code,
        limit: SHOWN,
        exclude: multiple ? value : [],
      }),
    [index, query, session.user.unit?.code, multiple, value],
  );
  const selected = !multiple && value[0] ? index.byCode.get(value[0]) : undefined;
  const shown = text ?? (multiple ? '' : (selected?.name ?? value[0] ?? ''));
  const nameOf = (code: string) => index.byCode.get(code)?.name ?? code;
  const expanded = open && results.length > 0;

  const choose = (code: string) => {
    onChange(multiple ? [...value.filter((c) => c !== code), code] : [code]);
    setText(multiple ? '' : null);
    setOpen(false);
    setActive(-1);
  };
  const type = (next: string) => {
    setText(next);
    setOpen(true);
    setActive(next.trim() ? 0 : -1);
    if (multiple) return;
    // A code typed in full is a choice already (and an emptied field chooses nothing).
    const exact = index.byCode.get(next.trim().toUpperCase());
    if (exact && fold(exact.code) === fold(next.trim())) onChange([exact.code]);
    else if (!next.trim()) onChange([]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive(Math.min(active + 1, results.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive(Math.max(active - 1, 0));
        break;
      case 'Enter': {
        const entry = expanded ? results[active] : undefined;
        if (entry) {
          // The choice, not the surrounding form's submit.
          e.preventDefault();
          choose(entry.code);
        }
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        } else if (!multiple) setText(null);
        break;
    }
  };
  const status = !open
    ? ''
    : results.length === 0
      ? t('unitPicker.none')
      : total > results.length
        ? t('unitPicker.more', { shown: results.length, total })
        : t('unitPicker.found', { total });
  const describedBy =
    [selected || (!multiple && value[0]) ? `${id}-chosen` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <div className={`field field-unit ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> ({t('app.required')})</span> : null}
      </label>
      {multiple && value.length > 0 ? (
        <ol className="chips">
          {value.map((code, i) => (
            <li key={code} className="chip">
              <span>
                {nameOf(code)} <code>{code}</code>
                {i === 0 ? <strong> · {t('field.lead')}</strong> : null}
              </span>
              <Button
                small
                kind="link"
                aria-label={`${t('field.remove')}: ${nameOf(code)}`}
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                ×
              </Button>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="combo">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && results[active] ? `${id}-option-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={shown}
          placeholder={t('field.unitSearch')}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={(e) => e.target.select()}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            if (!multiple) setText(null);
          }}
        />
        <div className="combo-popup" hidden={!open}>
          <div id={listId} role="listbox" aria-label={t('unitPicker.list')} hidden={!expanded}>
            {results.map((entry, i) => (
              // Keyboard use goes through the combobox (aria-activedescendant); the pointer picks here.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox above takes the keys for its options
              <div
                key={entry.code}
                id={`${id}-option-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className="combo-option"
                ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(entry.code)}
              >
                <span className="unit-name">{entry.name}</span>
                <UnitPath entry={entry} />
              </div>
            ))}
          </div>
          {open && (results.length === 0 || total > results.length) ? (
            <p className="hint combo-note">{status}</p>
          ) : null}
        </div>
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>
      {!multiple && value[0] ? (
        <p className="hint" id={`${id}-chosen`}>
          {selected ? <UnitPath entry={selected} /> : <code>{value[0]}</code>}
        </p>
      ) : null}
      {name && !multiple ? <input type="hidden" name={name} value={value[0] ?? ''} /> : null}
      {error ? (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
