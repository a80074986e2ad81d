import type { SetupChecklist as Checklist, SetupStep } from '@dltt/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api.ts';
import { useQuery } from '../../components/hooks.ts';

/** Where each step is done. */
const STEP_PATHS: Record<SetupStep, string> = {
  routing: '/routing',
  centres: '/centres',
  calendar: '/calendar',
  zalo: '/zalo',
  staff: '/staff',
};

/**
 * The administrator's first-run checklist: each step links to its screen and is ticked when the server finds it
 * done (it reads the system's state; nothing is ticked by hand). Hidden once every step is done.
 */
export function SetupChecklist() {
  const { t } = useTranslation();
  const { data } = useQuery(
    useCallback((signal: AbortSignal) => api<Checklist>('GET', '/admin/setup-checklist', { signal }), []),
  );
  if (!data || data.steps.every((s) => s.done)) return null;
  const left = data.steps.filter((s) => !s.done).length;
  return (
    <section className="card setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('home.setup.title')}</h2>
      <p>{t('home.setup.progress', { count: left })}</p>
      <ol className="setup-steps">
        {data.steps.map(({ step, done }) => (
          <li key={step} className={done ? 'setup-step done' : 'setup-step'} data-testid={`setup-${step}`}>
            <span className="setup-mark" aria-hidden="true">
              {done ? '✓' : ''}
            </span>
            <div>
              <Link to={STEP_PATHS[step]}>{t(`home.setup.steps.${step}.title`)}</Link>
              <span className="setup-state">{done ? t('home.setup.done') : t('home.setup.todo')}</span>
              <p className="muted">{t(`home.setup.steps.${step}.text`)}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
