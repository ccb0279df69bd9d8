import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { uiLanguages } from '../../../contracts/enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextField } from '../../app/ui.tsx';

/** Four names (or descriptions), one per interface language. */
export type Names = { uz: string; oz: string; ru: string; en: string };
export const emptyNames: Names = { uz: '', oz: '', ru: '', en: '' };

/** Inputs for a name in each interface language. */
export function NamesFields({
  value,
  onChange,
  required,
  legend,
}: {
  value: Names;
  onChange(names: Names): void;
  required?: boolean;
  legend: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="names">
      <legend>{legend}</legend>
      {uiLanguages.map((l) => (
        <TextField
          key={l}
          label={t(`lang.${l}`)}
          lang={l === 'oz' ? 'uz-Cyrl' : l === 'uz' ? 'uz-Latn' : l}
          value={value[l]}
          onChange={(e) => onChange({ ...value, [l]: e.target.value })}
          required={required}
        />
      ))}
    </fieldset>
  );
}

/** Runs an administrator's change, then refreshes the lists it affects; keeps the last error and message. */
export function useChange(keys: string[][]) {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const run = async (change: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setMessage('');
    try {
      await change();
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      setMessage(t('app.done'));
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };
  return { run, error, message };
}
