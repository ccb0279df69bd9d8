import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
} from 'react';
import type { AppealStatus } from '../../contracts/enums.ts';
import { ApiError } from './api.ts';
import { useI18n } from './i18n.tsx';

/** A button; `kind` sets its weight. */
export function Button({
  kind = 'secondary',
  small,
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  small?: boolean;
}) {
  const classes = ['btn', `btn-${kind}`, small ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  className,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> ({t('app.required')})</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A labelled input with its hint and error. */
export function TextField({
  label,
  hint,
  error,
  required,
  className,
  id: givenId,
  ref,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldFrame {...{ id, label, hint, error, required, className }}>
      <input
        ref={ref}
        id={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled select. */
export function SelectField({
  label,
  hint,
  error,
  required,
  className,
  id: givenId,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldFrame {...{ id, label, hint, error, required, className }}>
      <select
        id={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** A labelled text area. */
export function TextArea({
  label,
  hint,
  error,
  required,
  className,
  id: givenId,
  ...area
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldFrame {...{ id, label, hint, error, required, className }}>
      <textarea
        id={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...area}
      />
    </FieldFrame>
  );
}

/** A labelled checkbox. */
export function Checkbox({
  label,
  id: givenId,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className="check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The message of a failed request, with its field problems, announced to screen readers. */
export function ErrorBanner({ error }: { error: unknown }) {
  const { t, words } = useI18n();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('app.error');
  const fields = error instanceof ApiError ? error.fields : [];
  const placeholders = error instanceof ApiError ? stringsOf(error.details.placeholders) : [];
  // A refusal that names its reason (a group the appeal may not join, say) says which one.
  const reason = error instanceof ApiError ? error.details.reason : undefined;
  const why = typeof reason === 'string' ? words(`refusal.${reason}`) : undefined;
  return (
    <div className="banner banner-error" role="alert">
      <p>{message}</p>
      {why ? <p>{why}</p> : null}
      {placeholders.length > 0 ? <PlaceholderList placeholders={placeholders} /> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The {{placeholders}} an answer still holds, each as the editor must find it in the text. */
export function PlaceholderList({ placeholders }: { placeholders: readonly string[] }) {
  return (
    <ul className="placeholders">
      {placeholders.map((p) => (
        <li key={p}>
          <code>{p}</code>
        </li>
      ))}
    </ul>
  );
}

/** The field error of a failed request for one field path. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fields.find((f) => f.path === path)?.message : undefined;
}

/** A modal dialog (the native <dialog>, so focus and Escape behave as the platform does). */
export function Dialog({
  title,
  open,
  onClose,
  children,
  wide,
  locked,
}: {
  title: string;
  open: boolean;
  onClose?: () => void;
  children: ReactNode;
  wide?: boolean;
  /** Escape does not close it (signing in again, for example). */
  locked?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={locked ? (event) => event.preventDefault() : undefined}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}

/** A loading placeholder that screen readers announce politely. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

/** The status of an appeal as a coloured badge with its name. */
export function StatusBadge({
  status,
  executor,
}: {
  status: AppealStatus;
  /** The executor's name where it is known, `true` where only the fact of one is. */
  executor?: string | boolean | null | undefined;
}) {
  const { t, label } = useI18n();
  // "Assigned" means routed to a unit; whether a person holds it yet is a different fact, said apart.
  const text =
    status !== 'assigned' || !executor
      ? label('status', status)
      : typeof executor === 'string'
        ? t('status.assignedTo', { name: executor })
        : t('status.assignedExecutor');
  return <span className={`badge status-${status}`}>{text}</span>;
}

/** Days left to a deadline, in words and colour; nothing for a closed appeal. */
export function DaysLeft({ days }: { days: number | null }) {
  const { t } = useI18n();
  if (days === null) return null;
  // English and Russian say one day differently from several, so a single day has its own words.
  if (days < 0)
    return (
      <span className="badge days-overdue">
        {days === -1 ? t('days.overdueOne') : t('days.overdue', { days: -days })}
      </span>
    );
  if (days === 0) return <span className="badge days-soon">{t('days.today')}</span>;
  return (
    <span className={`badge ${days <= 3 ? 'days-soon' : 'days-ok'}`}>
      {days === 1 ? t('days.leftOne') : t('days.left', { days })}
    </span>
  );
}
