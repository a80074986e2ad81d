import type { StaffReport } from '@dltt/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { FormError, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX } from './reports.domain.ts';
import { useNoteError } from './SimpleActionDialogs.tsx';

interface NoteFormProps {
  report: StaffReport;
  onChanged(report: StaffReport, message: string): void;
}

/** A note on the timeline: internal (staff only, the default) or public (the reporter is told). */
export function NoteForm({ report, onChanged }: NoteFormProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = noteError(note);
    setError(problem);
    if (problem) return;
    setSaving(true);
    setFormError(undefined);
    try {
      onChanged(await reportsApi.note(report.code, { note: note.trim(), visibility }), t('report.done.note'));
      setNote('');
      setVisibility('internal');
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="note-form-heading" data-testid="note-form">
      <h3 id="note-form-heading">{t('report.notes.heading')}</h3>
      <FormError message={formError} />
      <TextAreaField
        label={t('report.notes.note')}
        value={note}
        onChange={setNote}
        required
        rows={3}
        maxLength={NOTE_MAX}
        error={error}
      />
      <SelectField
        label={t('report.notes.visibility')}
        value={visibility}
        onChange={(v) => setVisibility(v === 'public' ? 'public' : 'internal')}
        options={[
          { value: 'internal', label: t('report.notes.internal') },
          { value: 'public', label: t('report.notes.public') },
        ]}
      />
      <button type="submit" className="button" disabled={saving}>
        {t('report.notes.submit')}
      </button>
    </form>
  );
}
