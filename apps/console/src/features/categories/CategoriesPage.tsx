import type { Category } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { CategoryAttributesDialog } from './CategoryAttributesDialog.tsx';
import { CategoryDeadlinesDialog } from './CategoryDeadlinesDialog.tsx';
import { CategoryFormDialog } from './CategoryFormDialog.tsx';
import { categoriesApi } from './categories.api.ts';
import { daysText } from './deadline.ts';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; category: Category }
  | { kind: 'attributes'; category: Category }
  | { kind: 'deadlines'; category: Category }
  | null;

export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(useCallback((signal) => categoriesApi.list(signal), []));
  const rows = data
    ? [...data].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    : undefined;
  const nameOf = (c: Category) => (i18n.language === 'en' ? c.nameEn : c.nameVi);
  const nextSortOrder = Math.min(1000, (rows?.at(-1)?.sortOrder ?? 0) + 10);

  const columns: Column<Category>[] = [
    {
      key: 'sortOrder',
      header: t('categories.sortOrder'),
      cell: (c) => c.sortOrder,
      className: 'cell-number',
    },
    { key: 'icon', header: t('categories.icon'), cell: (c) => <code>{c.icon}</code> },
    {
      key: 'nameVi',
      header: t('categories.nameVi'),
      cell: (c) => <span lang="vi">{c.nameVi}</span>,
    },
    { key: 'nameEn', header: t('categories.nameEn'), cell: (c) => <span lang="en">{c.nameEn}</span> },
    {
      key: 'deadline',
      header: t('categories.deadline'),
      cell: (c) =>
        t('categories.deadlineValue', {
          count: c.defaultDeadlineHours,
          days: daysText(c.defaultDeadlineHours, t),
        }),
    },
    {
      key: 'afterPhoto',
      header: t('categories.requiresAfterPhoto'),
      cell: (c) => (c.requiresAfterPhoto ? t('categories.required') : t('categories.optional')),
    },
    {
      key: 'status',
      header: t('common.status'),
      cell: (c) => (
        <span className={c.active ? 'badge badge-on' : 'badge badge-off'}>
          {c.active ? t('common.active') : t('common.inactive')}
        </span>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (c) => (
        <RowActions
          name={nameOf(c)}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', category: c }) },
            { label: t('attributes.open'), onClick: () => setOpen({ kind: 'attributes', category: c }) },
            {
              label: t('categoryDeadlines.open'),
              onClick: () => setOpen({ kind: 'deadlines', category: c }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('categories.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('categories.add')}
        </button>
      }
    >
      <Notice text={notice} />
      <DataTable
        caption={t('categories.tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <CategoryFormDialog
          category={open.kind === 'edit' ? open.category : undefined}
          nextSortOrder={nextSortOrder}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) => {
            setOpen(null);
            setNotice(t(created ? 'categories.createdDone' : 'categories.savedDone', { name: saved.nameVi }));
            reload();
          }}
        />
      ) : null}
      {open?.kind === 'attributes' ? (
        <CategoryAttributesDialog
          category={open.category}
          onCancel={() => setOpen(null)}
          onSaved={(saved) => {
            setOpen(null);
            setNotice(t('attributes.savedDone', { n: saved.length, name: nameOf(open.category) }));
          }}
        />
      ) : null}
      {open?.kind === 'deadlines' ? (
        <CategoryDeadlinesDialog
          category={open.category}
          onCancel={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            setNotice(t('categoryDeadlines.savedDone', { name: nameOf(open.category) }));
          }}
        />
      ) : null}
    </Page>
  );
}
