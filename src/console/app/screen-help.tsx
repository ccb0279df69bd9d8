import { useI18n } from './i18n.tsx';

/** The screens that explain themselves. */
export type HelpTopic = 'queue' | 'approval' | 'card' | 'dashboard' | 'intake' | 'training' | 'admin';

/**
 * A "Help" toggle beside a screen's title: what the screen is for and its main actions, in a few lines.
 * A native disclosure, so it opens with the keyboard and screen readers announce its state.
 */
export function ScreenHelp({ topic }: { topic: HelpTopic }) {
  const { t } = useI18n();
  return (
    <details className="screen-help">
      <summary>{t('screenHelp.button')}</summary>
      <p>{t(`screenHelp.${topic}`)}</p>
    </details>
  );
}
