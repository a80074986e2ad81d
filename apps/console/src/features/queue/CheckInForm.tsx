import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { FormError, TextField } from '../../components/Fields.tsx';
import { formatTime } from '../../components/format.ts';
import { counterApi } from './queue.api.ts';
import { BOOKING_CODE_LENGTH, checkInOpensAt, cleanCode } from './queue.domain.ts';

/**
 * "Nhập mã lịch hẹn": checks in a booking for someone who came straight to the counter. The new number joins
 * the queue like one from the kiosk (a late arrival gets an ordinary walk-in number).
 */
export function CheckInForm({ onCheckedIn }: { onCheckedIn(message: string): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (code.length !== BOOKING_CODE_LENGTH) {
      setFieldError(t('counter.checkInCodeInvalid', { length: BOOKING_CODE_LENGTH }));
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      const ticket = await counterApi.checkIn(code);
      setCode('');
      onCheckedIn(
        ticket.lateWalkIn
          ? t('counter.checkInLate', { number: ticket.display, field: ticket.fieldName })
          : t('counter.checkInDone', { number: ticket.display, field: ticket.fieldName, n: ticket.ahead }),
      );
    } catch (e) {
      const opensAt = checkInOpensAt(e);
      setError(opensAt ? t('counter.checkInTooEarly', { time: formatTime(opensAt) }) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="desk-check-in" noValidate onSubmit={submit}>
      <h3>{t('counter.checkInTitle')}</h3>
      <FormError message={error} />
      <TextField
        label={t('counter.checkInCode')}
        value={code}
        onChange={(v) => {
          setCode(cleanCode(v));
          setFieldError(undefined);
        }}
        autoComplete="off"
        spellCheck={false}
        hint={t('counter.checkInHint')}
        error={fieldError}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('counter.checkingIn') : t('counter.checkIn')}
      </button>
    </form>
  );
}
