import type { CalendarDay } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormError, focusFirstInvalid, SelectField, TextField } from '../../components/Fields.tsx';
import { formatDay } from '../../components/format.ts';
import { calendarApi } from './calendar.api.ts';

const NAME_MAX = 120;

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

interface CalendarDayDialogProps {
  /** The day to edit; adds a new one when absent. */
  day?: CalendarDay | undefined;
  /** The year on screen: a new day starts on its 1 January. */
  year: number;
  onSaved(day: CalendarDay): void;
  onCancel(): void;
}

export function CalendarDayDialog({ day, year, onSaved, onCancel }: CalendarDayDialogProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState(day?.day ?? `${year}-01-01`);
  const [working, setWorking] = useState(day?.working ?? false);
  const [name, setName] = useState(day?.name ?? '');
  const [errors, setErrors] = useState<{ date?: string; name?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      date: isDay(date) ? undefined : t('validation.date'),
      name: name.trim() ? undefined : t('validation.required'),
    };
    setErrors(found);
    if (found.date || found.name) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      onSaved(await calendarApi.set(date, { working, name: name.trim() }));
    } catch (e) {
      setFormError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={day ? t('calendar.editTitle', { day: formatDay(day.day) }) : t('calendar.createTitle')}
      onClose={onCancel}
    >
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        {day ? null : (
          <TextField
            label={t('calendar.dayField')}
            type="date"
            value={date}
            onChange={setDate}
            required
            error={errors.date}
          />
        )}
        <SelectField
          label={t('calendar.kind')}
          value={working ? 'working' : 'off'}
          onChange={(v) => setWorking(v === 'working')}
          options={[
            { value: 'off', label: t('calendar.dayOff') },
            { value: 'working', label: t('calendar.workingDay') },
          ]}
        />
        <TextField
          label={t('calendar.nameField')}
          value={name}
          onChange={setName}
          required
          autoComplete="off"
          maxLength={NAME_MAX}
          hint={t('calendar.nameHint')}
          error={errors.name}
        />
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
