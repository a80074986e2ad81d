import type { ResponseTemplate } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { loadActiveCategories } from '../../lib/lookups.api.ts';
import { TemplateFormDialog } from './TemplateFormDialog.tsx';
import { templatesApi } from './templates.api.ts';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; template: ResponseTemplate }
  | { kind: 'delete'; template: ResponseTemplate }
  | null;

/** "Mẫu trả lời": the answers officers start from when they resolve a report, per category. */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const [categoryId, setCategoryId] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(
    useCallback((signal: AbortSignal) => templatesApi.list({}, signal), []),
  );
  const categories = useQuery(useCallback(() => loadActiveCategories(), []));
  const categoryName = (id: string | null) => {
    if (!id) return t('templates.anyCategory');
    const c = categories.data?.find((x) => x.id === id);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameVi) : t('common.emDash');
  };
  const rows = data
    ?.filter((tpl) => !categoryId || tpl.categoryId === categoryId || tpl.categoryId === null)
    .sort(
      (a, b) =>
        categoryName(a.categoryId).localeCompare(categoryName(b.categoryId), 'vi') ||
        a.title.localeCompare(b.title, 'vi'),
    );

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };

  const columns: Column<ResponseTemplate>[] = [
    { key: 'title', header: t('templates.titleField'), cell: (tpl) => <strong>{tpl.title}</strong> },
    { key: 'category', header: t('templates.category'), cell: (tpl) => categoryName(tpl.categoryId) },
    { key: 'body', header: t('templates.body'), cell: (tpl) => <span className="prose">{tpl.body}</span> },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (tpl) => (
        <RowActions
          name={tpl.title}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', template: tpl }) },
            {
              label: t('templates.delete'),
              danger: true,
              onClick: () => setOpen({ kind: 'delete', template: tpl }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('templates.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('templates.add')}
        </button>
      }
    >
      <Notice text={notice} />
      <div className="filters">
        <SelectField
          label={t('templates.categoryFilter')}
          value={categoryId}
          onChange={setCategoryId}
          options={(categories.data ?? []).map((c) => ({
            value: c.id,
            label: i18n.language === 'en' ? c.nameEn : c.nameVi,
          }))}
          placeholder={t('templates.allCategories')}
        />
      </div>
      <DataTable
        caption={t('templates.tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(tpl) => tpl.id}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <TemplateFormDialog
          template={open.kind === 'edit' ? open.template : undefined}
          defaultCategoryId={categoryId}
          categories={categories.data ?? []}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) =>
            done(t(created ? 'templates.createdDone' : 'templates.savedDone', { title: saved.title }))
          }
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('templates.deleteTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await templatesApi.remove(open.template.id);
            done(t('templates.deletedDone', { title: open.template.title }));
          }}
        >
          <p>{t('templates.deleteBody', { title: open.template.title })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
