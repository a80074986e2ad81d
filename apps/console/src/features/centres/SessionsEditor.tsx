import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  copySessions,
  type DraftErrors,
  newSession,
  type SessionDraft,
  WEEKDAYS,
  type WeekDraft,
  type Weekday,
  WORKWEEK,
} from './centre-form.ts';

/** Focuses the first element matching `selector` inside `#scope` once React has rendered. */
export function focusIn(scope: string, selector: string): void {
  setTimeout(() => document.getElementById(scope)?.querySelector<HTMLElement>(selector)?.focus());
}

interface TimeInputProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** A 24-hour "HH:MM" input whose label is read, not shown: the table's headers already say what it is. */
function TimeInput({ id, label, value, error, onChange }: TimeInputProps) {
  return (
    <span className="session-time">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="time"
        value={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </span>
  );
}

interface SessionsEditorProps {
  week: WeekDraft;
  errors: DraftErrors;
  onChange(week: WeekDraft): void;
}

/** "Giờ tiếp nhận": a weekly table; each day has zero or more sessions (ca) from a start to an end time. */
export function SessionsEditor({ week, errors, onChange }: SessionsEditorProps) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const dayName = (day: Weekday) => t(`centres.weekdays.${day}`);

  const setDay = (day: Weekday, list: SessionDraft[]) => onChange({ ...week, [day]: list });
  const setSession = (day: Weekday, uid: string, patch: Partial<SessionDraft>) =>
    setDay(
      day,
      week[day].map((s) => (s.uid === uid ? { ...s, ...patch } : s)),
    );

  const add = (day: Weekday) => {
    // A second session usually starts after the first: suggest the afternoon, else an empty row.
    const session = week[day].length === 1 ? newSession('13:30', '17:00') : newSession();
    setDay(day, [...week[day], session]);
    focusIn(session.uid, 'input');
  };
  const remove = (day: Weekday, uid: string) => {
    setDay(
      day,
      week[day].filter((s) => s.uid !== uid),
    );
    setAnnouncement(t('centres.sessions.removed', { day: dayName(day) }));
    focusIn(`centre-day-${day}`, '[data-add-session]');
  };
  const copyMonday = () => {
    const next = { ...week };
    for (const day of WORKWEEK) next[day] = copySessions(week[1]);
    onChange(next);
    setAnnouncement(t('centres.sessions.copied'));
  };

  return (
    <>
      {errors.sessions ? (
        <p className="field-error" role="alert">
          {errors.sessions}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table sessions-table">
          <caption className="sr-only">{t('centres.sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('centres.sessions.day')}</th>
              <th scope="col">{t('centres.sessions.sessions')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day} id={`centre-day-${day}`}>
                <th scope="row" className="cell-nowrap">
                  {dayName(day)}
                </th>
                <td>
                  {week[day].length === 0 ? (
                    <span className="muted">{t('centres.sessions.closed')}</span>
                  ) : (
                    <ul className="session-list">
                      {week[day].map((s, i) => {
                        const where = t('centres.sessions.which', { day: dayName(day), n: i + 1 });
                        const startError = errors[`${s.uid}:start`];
                        const endError = errors[`${s.uid}:end`];
                        return (
                          <li key={s.uid} id={s.uid}>
                            <div className="session-row">
                              <TimeInput
                                id={`${s.uid}-start`}
                                label={t('centres.sessions.startOf', { which: where })}
                                value={s.start}
                                error={startError}
                                onChange={(start) => setSession(day, s.uid, { start })}
                              />
                              <span aria-hidden="true">–</span>
                              <TimeInput
                                id={`${s.uid}-end`}
                                label={t('centres.sessions.endOf', { which: where })}
                                value={s.end}
                                error={endError}
                                onChange={(end) => setSession(day, s.uid, { end })}
                              />
                              <button
                                type="button"
                                className="button button-small button-danger-outline"
                                onClick={() => remove(day, s.uid)}
                              >
                                {t('centres.sessions.remove')}
                                <span className="sr-only"> {where}</span>
                              </button>
                            </div>
                            {startError ? (
                              <p id={`${s.uid}-start-error`} className="field-error">
                                {startError}
                              </p>
                            ) : null}
                            {endError ? (
                              <p id={`${s.uid}-end-error`} className="field-error">
                                {endError}
                              </p>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
                <td className="cell-actions">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      data-add-session=""
                      onClick={() => add(day)}
                    >
                      {t('centres.sessions.add')}
                      <span className="sr-only"> {dayName(day)}</span>
                    </button>
                    {day === 1 ? (
                      <button type="button" className="button button-small" onClick={copyMonday}>
                        {t('centres.sessions.copyMonday')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('centres.sessions.weekendHint')}</p>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </>
  );
}
