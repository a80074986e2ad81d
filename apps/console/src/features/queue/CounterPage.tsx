import type { CounterChoice, CounterElsewhere, CounterState } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { FormError } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../components/States.tsx';
import { CounterDesk } from './CounterDesk.tsx';
import { counterApi } from './queue.api.ts';
import { hasCode } from './queue.domain.ts';
import './queue.css';

/** "Quầy giao dịch": the counter I work at, or the choice of one when I have not taken any. */
export function CounterPage() {
  const { t } = useTranslation();
  const [left, setLeft] = useState('');
  const state = useQuery(
    useCallback(
      (signal: AbortSignal) =>
        counterApi.state(signal).catch((error: unknown) => {
          if (hasCode(error, 'COUNTER_NOT_SIGNED_IN')) return null;
          throw error;
        }),
      [],
    ),
  );

  if (state.error) {
    return (
      <Page title={t('counter.title')}>
        <ErrorMessage error={state.error} onRetry={state.reload} />
      </Page>
    );
  }
  if (state.data === undefined) {
    return (
      <Page title={t('counter.title')}>
        <Loading />
      </Page>
    );
  }
  if (state.data === null) {
    return (
      <CounterChooser
        notice={left}
        onTaken={(taken) => {
          setLeft('');
          state.replace(taken);
        }}
      />
    );
  }
  return (
    <CounterDesk
      state={state.data}
      onChange={state.replace}
      onLeft={(number) => {
        setLeft(t('counter.leftDone', { number }));
        state.replace(null);
      }}
    />
  );
}

function CounterChooser({ notice, onTaken }: { notice: string; onTaken(state: CounterState): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [taking, setTaking] = useState<string | null>(null);
  const choices = useQuery(useCallback((signal: AbortSignal) => counterApi.choices(signal), []));

  const take = async (counterId: string) => {
    setTaking(counterId);
    setError(undefined);
    try {
      onTaken(await counterApi.take(counterId));
    } catch (e) {
      setError(errorMessage(e));
      setTaking(null);
      choices.reload();
    }
  };

  return (
    <Page
      title={t('counter.title')}
      actions={
        <button type="button" className="button" onClick={choices.reload}>
          {t('counter.refresh')}
        </button>
      }
    >
      <p>{t('counter.chooseIntro')}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={error} />
      {choices.error ? (
        <ErrorMessage error={choices.error} onRetry={choices.reload} />
      ) : !choices.data ? (
        <Loading />
      ) : choices.data.length === 0 ? (
        <NoCounterToTake />
      ) : (
        choices.data.map((centre) => (
          <CentreCounters key={centre.centreId} centre={centre} taking={taking} onTake={take} />
        ))
      )}
    </Page>
  );
}

function CentreCounters({
  centre,
  taking,
  onTake,
}: {
  centre: CounterChoice;
  taking: string | null;
  onTake(counterId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`centre-${centre.centreId}`}>
      <h2 id={`centre-${centre.centreId}`}>{centre.centreName}</h2>
      <ul className="counter-choices">
        {centre.counters.map((c) => {
          const takenByOther = c.heldBy !== null && !c.mine;
          return (
            <li key={c.id} className="counter-choice">
              <h3 className="counter-choice-title">{t('counter.counterNumber', { number: c.number })}</h3>
              {c.name ? <p className="counter-choice-name">{c.name}</p> : null}
              <p className="counter-choice-fields">
                {t('counter.servesLetters')}{' '}
                {c.fieldLetters.length > 0 ? c.fieldLetters.join(', ') : t('counter.noFieldLetters')}
              </p>
              <p className={takenByOther ? 'badge badge-warn' : 'badge badge-on'}>
                {c.mine
                  ? t('counter.heldByMe')
                  : c.heldBy
                    ? t('counter.heldBy', { name: c.heldBy })
                    : t('counter.free')}
              </p>
              <button
                type="button"
                className="button button-primary"
                disabled={takenByOther || taking !== null}
                onClick={() => onTake(c.id)}
              >
                {c.mine ? t('counter.resume') : t('counter.take')}
                <span className="sr-only"> {t('counter.whichCounter', { number: c.number })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * No counter to choose. When centres with counters exist but belong to other agencies (an officer created
 * under the wrong agency, or a centre under another one), say so and what to ask for, instead of a bare
 * "no counter".
 */
function NoCounterToTake() {
  const { t } = useTranslation();
  const elsewhere = useQuery(useCallback((signal: AbortSignal) => counterApi.elsewhere(signal), []));
  if (elsewhere.error) return <ErrorMessage error={elsewhere.error} onRetry={elsewhere.reload} />;
  if (!elsewhere.data) return <Loading />;
  if (elsewhere.data.centres.length === 0) return <EmptyState text={t('counter.noCounters')} />;
  return <OtherAgencyNotice elsewhere={elsewhere.data} />;
}

function OtherAgencyNotice({ elsewhere }: { elsewhere: CounterElsewhere }) {
  const { t } = useTranslation();
  return (
    <section className="notice notice-warn counter-elsewhere" aria-labelledby="counter-elsewhere-title">
      <h2 id="counter-elsewhere-title">{t('counter.otherAgencyTitle')}</h2>
      <p>
        {elsewhere.agencyName
          ? t('counter.otherAgencyMine', { agency: elsewhere.agencyName })
          : t('counter.otherAgencyNone')}
      </p>
      <p>{t('counter.otherAgencyList')}</p>
      <ul>
        {elsewhere.centres.map((c) => (
          <li key={c.centreId}>
            {t('counter.otherAgencyCentre', { centre: c.centreName, agency: c.agencyName })}
          </li>
        ))}
      </ul>
      <p>{t('counter.otherAgencyWhat')}</p>
    </section>
  );
}
