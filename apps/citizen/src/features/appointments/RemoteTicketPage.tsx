import './appointments.css';
import type { Centre, RemoteToday } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'zmp-ui';
import type { ApiError } from '../../app/api.ts';
import { APPOINTMENT_PATHS, ticketPath } from '../../app/paths.ts';
import { useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { PageLayout } from '../../components/PageLayout.tsx';
import { errorText, isConnectionError, Loading, RequestError } from '../../components/RequestStatus.tsx';
import { fetchCentres, fetchRemoteToday, takeRemoteTicket } from './appointments.api.ts';
import { useStepFocus } from './BookingBits.tsx';
import { rememberTicket } from './my-tickets.ts';
import { CentrePicker } from './pickers.tsx';

type Field = RemoteToday['fields'][number];

const offersRemote = (c: Centre) => c.fields.some((f) => f.remoteDailyCap !== null);

/**
 * "Lấy số từ xa": while a centre is open, today's number for a field from the phone; then the live number page
 * (people ahead, wait, "sắp đến lượt"), where the code to confirm arrival at the kiosk is shown.
 */
export function RemoteTicketPage() {
  const { t } = useTranslation();
  const { state, retry } = useRequest(fetchCentres);
  const [centre, setCentre] = useState<Centre | null>(null);
  const heading = useStepFocus(centre ? 'field' : 'centre');
  return (
    <PageLayout title={t('appointments.remote.title')}>
      <p className="appt-intro">{t('appointments.remote.rules')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <RequestError error={state.error} onRetry={retry} />}
      {state.status === 'success' &&
        (centre ? (
          <>
            <h2 className="appt-step-title" ref={heading} tabIndex={-1}>
              {t('appointments.remote.pickField', { centre: centre.name })}
            </h2>
            <FieldStep centre={centre} />
            <button type="button" className="appt-link" onClick={() => setCentre(null)}>
              <Icon name="back" />
              <span>{t('appointments.remote.otherCentre')}</span>
            </button>
          </>
        ) : (
          <>
            <h2 className="appt-step-title" ref={heading} tabIndex={-1}>
              {t('appointments.remote.pickCentre')}
            </h2>
            {state.data.some(offersRemote) ? (
              <CentrePicker centres={state.data.filter(offersRemote)} onPick={setCentre} />
            ) : (
              <p className="appt-note">{t('appointments.remote.noCentres')}</p>
            )}
          </>
        ))}
    </PageLayout>
  );
}

function FieldStep({ centre }: { centre: Centre }) {
  const { t } = useTranslation();
  const { state, retry } = useRequest(
    useCallback((signal: AbortSignal) => fetchRemoteToday(centre.id, signal), [centre.id]),
  );
  const [field, setField] = useState<Field | null>(null);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <RequestError error={state.error} onRetry={retry} />;
  if (!state.data.open) return <p className="appt-note">{t('appointments.remote.closed')}</p>;
  if (field) return <TakeStep centre={centre} field={field} onBack={() => setField(null)} />;
  return (
    <ul className="appt-choices">
      {state.data.fields.map((f) => (
        <li key={f.fieldId}>
          <button
            type="button"
            className="appt-choice"
            disabled={f.remaining === 0}
            onClick={() => setField(f)}
          >
            <span className="appt-choice-title">{f.fieldName}</span>
            <span className="appt-hint">
              {f.remaining === 0
                ? t('appointments.remote.noneLeft')
                : t('appointments.remote.left', { count: f.remaining })}
              {' · '}
              {t('appointments.remote.waiting', { count: f.waiting })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function TakeStep({ centre, field, onBack }: { centre: Centre; field: Field; onBack: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // One key per choice: a retry after a lost answer gets the same number, never a second one.
  const [key] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const take = async () => {
    setSending(true);
    setError(null);
    try {
      const ticket = await takeRemoteTicket(field.fieldId, key);
      await rememberTicket(ticket).catch(() => undefined);
      navigate(ticketPath(ticket.id), { replace: true });
    } catch (e) {
      setError(e as ApiError);
      setSending(false);
    }
  };
  return (
    <section className="appt-section" aria-labelledby="remote-confirm">
      <h3 id="remote-confirm" className="appt-choice-title">
        {t('appointments.remote.confirm', { field: field.fieldName, centre: centre.name })}
      </h3>
      <p className="appt-hint">{t('appointments.remote.waiting', { count: field.waiting })}</p>
      {error && (
        <div className="request-error" role="alert">
          <Icon name="alert" size={32} className="request-error-icon" />
          <div>
            <p className="request-error-title">{t('appointments.remote.failed')}</p>
            <p>{errorText(error, t)}</p>
            {!isConnectionError(error) && (
              <Link className="appt-link" to={APPOINTMENT_PATHS.hub}>
                <Icon name="list" />
                <span>{t('appointments.hub.ticketsToday')}</span>
              </Link>
            )}
          </div>
        </div>
      )}
      <Button size="large" fullWidth disabled={sending} prefixIcon={<Icon name="plus" />} onClick={take}>
        {sending ? t('appointments.remote.taking') : t('appointments.remote.take')}
      </Button>
      <button type="button" className="appt-link" onClick={onBack}>
        <Icon name="back" />
        <span>{t('appointments.remote.otherField')}</span>
      </button>
    </section>
  );
}
