import type { BookingDay, Centre, ServiceField, Slot } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import type { ApiError } from '../../app/api.ts';
import { type RequestState, useRequest } from '../../app/useRequest.ts';
import { Icon } from '../../components/Icon.tsx';
import { Loading, RequestError } from '../../components/RequestStatus.tsx';
import { foldText } from '../../lib/text.ts';
import { shortDate, timeOf, weekdayName } from './appointment-format.ts';
import { fetchDays, fetchSlots } from './appointments.api.ts';

/** Above this many centres a search box helps more than scrolling. */
const SEARCH_FROM = 7;

/** The centres as big buttons (name, address); a search box once the list gets long. */
export function CentrePicker({ centres, onPick }: { centres: Centre[]; onPick: (centre: Centre) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  if (centres.length === 0) {
    return (
      <section className="notice">
        <span className="notice-icon">
          <Icon name="appointments" size={56} />
        </span>
        <p>{t('appointments.new.noCentres')}</p>
      </section>
    );
  }
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const shown = centres.filter((c) => {
    const text = foldText(`${c.name} ${c.address ?? ''}`);
    return words.every((w) => text.includes(w));
  });
  return (
    <>
      {centres.length >= SEARCH_FROM && (
        <div className="appt-field">
          <label htmlFor="centre-search">{t('appointments.new.searchCentre')}</label>
          <input
            id="centre-search"
            type="search"
            value={query}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      )}
      {shown.length === 0 ? (
        <p className="appt-hint" role="status">
          {t('appointments.new.noCentreMatch')}
        </p>
      ) : (
        <ul className="appt-choices">
          {shown.map((centre) => (
            <li key={centre.id}>
              <button type="button" className="appt-choice" onClick={() => onPick(centre)}>
                <span className="appt-choice-title">{centre.name}</span>
                {centre.address && <span className="appt-hint">{centre.address}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * A field takes bookings when it has a fixed number of places per slot or an active counter serves it (the
 * server's rule: otherwise it answers FIELD_NOT_SERVED).
 */
export function isBookable(centre: Centre, field: ServiceField): boolean {
  return (
    field.active &&
    (field.capacity !== null || centre.counters.some((c) => c.active && c.fieldCodes.includes(field.code)))
  );
}

/**
 * The service fields of a centre as big buttons with their names. A field that takes no bookings stays in the
 * list, greyed, with what to do instead, so a person looking for it is not left wondering.
 */
export function FieldPicker({ centre, onPick }: { centre: Centre; onPick: (field: ServiceField) => void }) {
  const { t } = useTranslation();
  const fields = centre.fields.filter((f) => f.active);
  if (!fields.some((f) => isBookable(centre, f)))
    return <p className="appt-hint">{t('appointments.new.noFields')}</p>;
  return (
    <ul className="appt-choices">
      {fields.map((field) => (
        <li key={field.id}>
          {isBookable(centre, field) ? (
            <button type="button" className="appt-choice" onClick={() => onPick(field)}>
              <span className="appt-choice-title">{field.name}</span>
              {field.procedures && <span className="appt-choice-detail">{field.procedures}</span>}
            </button>
          ) : (
            <div className="appt-choice appt-choice-off">
              <span className="appt-choice-title">{field.name}</span>
              {field.procedures && <span className="appt-choice-detail">{field.procedures}</span>}
              <span className="appt-hint">{t('appointments.new.notBookable')}</span>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A field that stopped taking bookings: the person goes back to choose another, with the server's words. */
const FIELD_GONE = new Set(['FIELD_NOT_SERVED', 'FIELD_NOT_FOUND']);

/** Hands a "field gone" answer to the page once (instead of offering a retry that cannot work); true meanwhile. */
function useFieldGone<T>(state: RequestState<T>, onFieldUnavailable?: (error: ApiError) => void): boolean {
  const gone = state.status === 'error' && FIELD_GONE.has(state.error.code) ? state.error : null;
  const handler = useRef(onFieldUnavailable);
  handler.current = onFieldUnavailable;
  useEffect(() => {
    if (gone) handler.current?.(gone);
  }, [gone]);
  return gone !== null && onFieldUnavailable !== undefined;
}

/** What a closed day says: "Cuối tuần", "Nghỉ lễ", or the centre's own closure text as it was written. */
function closedText(day: BookingDay, t: ReturnType<typeof useTranslation>['t']): string {
  switch (day.closedReason) {
    case 'weekend':
      return t('appointments.days.weekend');
    case 'holiday':
      return t('appointments.days.holiday');
    case 'no_session':
    case 'closure':
    case null:
      return t('appointments.days.closed');
    default:
      return day.closedReason;
  }
}

/**
 * The days offered as big chips: weekday, date and places left. Closed and full days stay in the row, greyed,
 * with the reason, so the calendar reads as a calendar; only open days with places are buttons.
 */
export function DayPicker({
  centreId,
  fieldId,
  selected,
  onPick,
  onFieldUnavailable,
}: {
  centreId: string;
  fieldId: string;
  selected: string | null;
  onPick: (day: string) => void;
  onFieldUnavailable?: (error: ApiError) => void;
}) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => fetchDays(centreId, fieldId, signal),
    [centreId, fieldId],
  );
  const { state, retry } = useRequest(load);
  const gone = useFieldGone(state, onFieldUnavailable);
  if (state.status === 'loading' || gone) return <Loading />;
  if (state.status === 'error') return <RequestError error={state.error} onRetry={retry} />;
  const days = state.data;
  if (!days.some((d) => d.open && d.remaining > 0)) {
    return (
      <section className="notice">
        <span className="notice-icon">
          <Icon name="appointments" size={56} />
        </span>
        <p>{t('appointments.days.none')}</p>
      </section>
    );
  }
  return (
    <ul className="appt-days">
      {days.map((day) => {
        const name = weekdayName(day.day, t);
        const date = shortDate(day.day);
        const bookable = day.open && day.remaining > 0;
        const status = !day.open
          ? closedText(day, t)
          : bookable
            ? t('appointments.days.remaining', { count: day.remaining })
            : t('appointments.days.full');
        if (!bookable) {
          return (
            <li key={day.day}>
              <span className="appt-day appt-day-closed">
                <span className="appt-day-name">{name}</span>
                <span className="appt-day-date">{date}</span>
                <span className="appt-day-status">{status}</span>
              </span>
            </li>
          );
        }
        return (
          <li key={day.day}>
            <button
              type="button"
              className="appt-day"
              aria-pressed={selected === day.day}
              onClick={() => onPick(day.day)}
            >
              <span className="appt-day-name">{name}</span>
              <span className="appt-day-date">{date}</span>
              <span className="appt-day-status">{status}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const isMorning = (slot: Slot) => timeOf(slot.startsAt) < '12:00';

/**
 * The times of a day in a grid, morning and afternoon apart, each with the places left; full ones are shown but
 * cannot be picked. `current` marks the time a booking being moved has now. Each time it is shown it asks the
 * server afresh, so coming back after "hết chỗ" shows the places as they are now.
 */
export function SlotPicker({
  centreId,
  fieldId,
  day,
  current,
  onPick,
  onOtherDay,
  onFieldUnavailable,
}: {
  centreId: string;
  fieldId: string;
  day: string;
  current?: string | undefined;
  onPick: (slot: Slot) => void;
  onOtherDay: () => void;
  onFieldUnavailable?: (error: ApiError) => void;
}) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => fetchSlots(centreId, fieldId, day, signal),
    [centreId, fieldId, day],
  );
  const { state, retry } = useRequest(load);
  const gone = useFieldGone(state, onFieldUnavailable);
  if (state.status === 'loading' || gone) return <Loading />;
  if (state.status === 'error') return <RequestError error={state.error} onRetry={retry} />;
  const slots = state.data;
  const otherDay = (
    <Button variant="secondary" size="large" fullWidth onClick={onOtherDay}>
      {t('appointments.slots.otherDay')}
    </Button>
  );
  if (!slots.some((s) => s.remaining > 0 && s.startsAt !== current)) {
    return (
      <>
        <p className="appt-notice">{t('appointments.slots.none')}</p>
        {otherDay}
      </>
    );
  }
  const groups = [
    { key: 'morning' as const, slots: slots.filter(isMorning) },
    { key: 'afternoon' as const, slots: slots.filter((s) => !isMorning(s)) },
  ].filter((g) => g.slots.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.key} className="appt-slot-group" aria-labelledby={`slots-${group.key}`}>
          <h3 id={`slots-${group.key}`}>{t(`appointments.slots.${group.key}`)}</h3>
          <ul className="appt-slots">
            {group.slots.map((slot) => {
              const isCurrent = slot.startsAt === current;
              const full = slot.remaining <= 0;
              return (
                <li key={slot.startsAt}>
                  <button
                    type="button"
                    className="appt-slot"
                    disabled={full || isCurrent}
                    onClick={() => onPick(slot)}
                  >
                    <span className="appt-slot-time">{timeOf(slot.startsAt)}</span>
                    <span className="appt-slot-left">
                      {isCurrent
                        ? t('appointments.slots.current')
                        : full
                          ? t('appointments.slots.full')
                          : t('appointments.slots.remaining', { count: slot.remaining })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {otherDay}
    </>
  );
}
