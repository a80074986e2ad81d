import type { CalendarDay } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { formatDay } from '../../components/format.ts';
import { useDialogForm } from '../../components/useDialogForm.ts';
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
  const form = useDialogForm({
    initial: { date: day?.day ?? `${year}-01-01`, working: day?.working ?? false, name: day?.name ?? '' },
    validate: (v) => ({
      date: isDay(v.date) ? undefined : t('validation.date'),
      name: v.name.trim() ? undefined : t('validation.required'),
    }),
    save: async (v) => onSaved(await calendarApi.set(v.date, { working: v.working, name: v.name.trim() })),
  });

  return (
    <DialogForm
      title={day ? t('calendar.editTitle', { day: formatDay(day.day) }) : t('calendar.createTitle')}
      form={form}
      onCancel={onCancel}
    >
      {day ? null : <TextField label={t('calendar.dayField')} type="date" {...form.field('date')} required />}
      <SelectField
        label={t('calendar.kind')}
        value={form.values.working ? 'working' : 'off'}
        onChange={(v) => form.set('working', v === 'working')}
        options={[
          { value: 'off', label: t('calendar.dayOff') },
          { value: 'working', label: t('calendar.workingDay') },
        ]}
      />
      <TextField
        label={t('calendar.nameField')}
        {...form.field('name')}
        required
        autoComplete="off"
        maxLength={NAME_MAX}
        hint={t('calendar.nameHint')}
      />
    </DialogForm>
  );
}
