import type { StaffReport } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Notice } from '../../components/States.tsx';
import { listResponseTemplates } from '../../lib/lookups.api.ts';
import { ActionFormDialog, useFieldErrors } from './ActionFormDialog.tsx';
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
  const [answer, setAnswer] = useState(report.publicAnswer ?? '');
  const [templateId, setTemplateId] = useState('');
  const [photoNotice, setPhotoNotice] = useState('');
  const templates = useQuery(
    useCallback(
      (signal: AbortSignal) => listResponseTemplates({ categoryId: report.categoryId }, signal),
      [report.categoryId],
    ),
  );
  const choices = templates.data ?? [];
  const needsPhoto = report.requiresAfterPhoto && !report.photos.some((p) => p.kind === 'after');
  const { errors, check } = useFieldErrors({
    answer: noteError(answer),
    photo: needsPhoto ? t('report.resolve.photoRequired') : undefined,
  });

  const applyTemplate = (id: string) => {
    setTemplateId(id);
    const body = choices.find((c) => c.id === id)?.body;
    if (!body) return;
    setAnswer((current) => (current.trim() ? `${current.trimEnd()}\n\n${body}` : body));
  };

  return (
    <ActionFormDialog
      title={t('report.resolve.title', { code: report.code })}
      submitLabel={t('report.resolve.submit')}
      onCancel={onCancel}
      onFailed={onFailed}
      check={check}
      send={async () =>
        onDone(
          await reportsApi.resolve(report.code, { publicAnswer: answer.trim() }),
          t('report.done.resolve'),
        )
      }
    >
      <SelectField
        label={t('report.resolve.template')}
        value={templateId}
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
        value={answer}
        onChange={setAnswer}
        required
        rows={6}
        maxLength={NOTE_MAX}
        hint={t('report.resolve.answerHint')}
        error={errors.answer}
      />
      <Notice text={photoNotice} />
      <AfterPhotos
        report={report}
        error={errors.photo}
        onReport={(updated, message) => {
          setPhotoNotice(message);
          onReport(updated, message);
        }}
      />
    </ActionFormDialog>
  );
}
