import type { StaffReport } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../components/DialogForm.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Notice } from '../../components/States.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { listResponseTemplates } from '../../lib/lookups.api.ts';
import { AfterPhotos } from './ReportPhotos.tsx';
import { reportsApi } from './reports.api.ts';
import { NOTE_MAX } from './reports.domain.ts';
import { type ActionDialogProps, useNoteError } from './SimpleActionDialogs.tsx';

interface ResolveDialogProps extends ActionDialogProps {
  /** A photo was added or removed while the dialog is open: the page shows the new report. */
  onReport(report: StaffReport, message: string): void;
}

/**
 * "Giải quyết": the public answer (optionally started from a template of the report's category) and the
 * after-photos; categories that require one refuse a resolution without it (AFTER_PHOTO_REQUIRED).
 */
export function ResolveDialog({ report, onDone, onCancel, onFailed, onReport }: ResolveDialogProps) {
  const { t } = useTranslation();
  const noteError = useNoteError();
  const [photoNotice, setPhotoNotice] = useState('');
  const templates = useQuery(
    useCallback(
      (signal: AbortSignal) => listResponseTemplates({ categoryId: report.categoryId }, signal),
      [report.categoryId],
    ),
  );
  const choices = templates.data ?? [];
  const needsPhoto = report.requiresAfterPhoto && !report.photos.some((p) => p.kind === 'after');
  // The after-photo's error has no value of its own: the photos are the report's.
  const form = useDialogForm<{ answer: string; templateId: string }, 'answer' | 'photo'>({
    initial: { answer: report.publicAnswer ?? '', templateId: '' },
    validate: (v) => ({
      answer: noteError(v.answer),
      photo: needsPhoto ? t('report.resolve.photoRequired') : undefined,
    }),
    onFailed,
    save: async (v) =>
      onDone(
        await reportsApi.resolve(report.code, { publicAnswer: v.answer.trim() }),
        t('report.done.resolve'),
      ),
  });

  const applyTemplate = (id: string) => {
    const body = choices.find((c) => c.id === id)?.body;
    form.update((v) => ({
      ...v,
      templateId: id,
      answer: !body ? v.answer : v.answer.trim() ? `${v.answer.trimEnd()}\n\n${body}` : body,
    }));
  };

  return (
    <DialogForm
      title={t('report.resolve.title', { code: report.code })}
      form={form}
      submitLabel={t('report.resolve.submit')}
      onCancel={onCancel}
    >
      <SelectField
        label={t('report.resolve.template')}
        value={form.values.templateId}
        onChange={applyTemplate}
        options={choices.map((c) => ({ value: c.id, label: c.title }))}
        placeholder={t('report.resolve.chooseTemplate')}
        hint={
          templates.data && choices.length === 0
            ? t('report.resolve.noTemplates')
            : t('report.resolve.templateHint')
        }
        disabled={choices.length === 0}
      />
      <TextAreaField
        label={t('report.resolve.answer')}
        {...form.field('answer')}
        required
        rows={6}
        maxLength={NOTE_MAX}
        hint={t('report.resolve.answerHint')}
      />
      <Notice text={photoNotice} />
      <AfterPhotos
        report={report}
        error={form.errors.photo}
        onReport={(updated, message) => {
          setPhotoNotice(message);
          onReport(updated, message);
        }}
      />
    </DialogForm>
  );
}
