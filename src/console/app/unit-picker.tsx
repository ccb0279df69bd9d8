import { useId, useMemo, useState } from 'react';
import { useI18n } from './i18n.tsx';
import { nameIn, useUnits } from './reference.ts';
import { Button } from './ui.tsx';

/**
 * Picks one or several units by name or code (the browser filters the list as one types). With several,
 * the first is the lead unit.
 */
export function UnitPicker({
  label,
  value,
  onChange,
  multiple,
  required,
  error,
}: {
  label: string;
  value: string[];
  onChange(codes: string[]): void;
  multiple?: boolean;
  required?: boolean;
  error?: string | undefined;
}) {
  const { t, language } = useI18n();
  const units = useUnits();
  const id = useId();
  const [text, setText] = useState(multiple ? '' : (value[0] ?? ''));
  const byCode = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u])), [units.data]);
  const nameOf = (code: string) => {
    const unit = byCode.get(code);
    return unit ? nameIn(unit.names, language) : code;
  };
  const choose = (raw: string) => {
    const code = raw.trim();
    setText(multiple ? '' : code);
    if (!byCode.has(code)) {
      if (!multiple) onChange(code ? [code] : []);
      return;
    }
    onChange(multiple ? [...value.filter((c) => c !== code), code] : [code]);
  };
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> ({t('app.required')})</span> : null}
      </label>
      {multiple && value.length > 0 ? (
        <ol className="chips">
          {value.map((code, index) => (
            <li key={code} className="chip">
              <span>
                {nameOf(code)} <code>{code}</code>
                {index === 0 ? <strong> · {t('field.lead')}</strong> : null}
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
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        placeholder={t('field.unitSearch')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (byCode.has(e.target.value)) choose(e.target.value);
          else if (!multiple) onChange(e.target.value ? [e.target.value] : []);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && multiple) {
            e.preventDefault();
            choose(text);
          }
        }}
      />
      {!multiple && value[0] && byCode.has(value[0]) ? <p className="hint">{nameOf(value[0])}</p> : null}
      <datalist id={`${id}-list`}>
        {(units.data ?? []).map((u) => (
          <option key={u.code} value={u.code} label={nameIn(u.names, language)} />
        ))}
      </datalist>
      {error ? (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
