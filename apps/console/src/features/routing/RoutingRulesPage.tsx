import type { RoutingRule } from '@dltt/contracts';
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
import { RoutingRuleDialog } from './RoutingRuleDialog.tsx';
import { routingApi } from './routing.api.ts';

type Open = { kind: 'create' } | { kind: 'delete'; rule: RoutingRule } | null;

/** "Quy tắc chuyển xử lý": category × commune (or the whole province) → the agency that receives new reports. */
export function RoutingRulesPage() {
  const { t, i18n } = useTranslation();
  const [categoryId, setCategoryId] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(
    useCallback(
      (signal: AbortSignal) => routingApi.list({ categoryId: categoryId || undefined }, signal),
      [categoryId],
    ),
  );
  const categories = useQuery(useCallback(() => loadActiveCategories(), []));
  const communeOf = (r: RoutingRule) => r.communeName ?? t('routing.wholeProvince');
  const rows = data
    ? [...data].sort(
        (a, b) =>
          a.categoryName.localeCompare(b.categoryName, 'vi') ||
          // The province-wide rule first, then the communes by name.
          (a.communeName === null
            ? -1
            : b.communeName === null
              ? 1
              : a.communeName.localeCompare(b.communeName, 'vi')),
      )
    : undefined;

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };

  const columns: Column<RoutingRule>[] = [
    { key: 'category', header: t('routing.category'), cell: (r) => r.categoryName },
    {
      key: 'commune',
      header: t('routing.commune'),
      cell: (r) => (r.communeName ? r.communeName : <strong>{t('routing.wholeProvince')}</strong>),
    },
    { key: 'agency', header: t('routing.agency'), cell: (r) => r.agencyName },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (r) => (
        <RowActions
          name={`${r.categoryName} — ${communeOf(r)}`}
          actions={[
            { label: t('routing.delete'), danger: true, onClick: () => setOpen({ kind: 'delete', rule: r }) },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('routing.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('routing.add')}
        </button>
      }
    >
      <p>{t('routing.intro')}</p>
      <Notice text={notice} />
      <div className="filters">
        <SelectField
          label={t('routing.categoryFilter')}
          value={categoryId}
          onChange={setCategoryId}
          options={(categories.data ?? []).map((c) => ({
            value: c.id,
            label: i18n.language === 'en' ? c.nameEn : c.nameVi,
          }))}
          placeholder={t('routing.allCategories')}
        />
      </div>
      <DataTable
        caption={t('routing.tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' ? (
        <RoutingRuleDialog
          categories={categories.data ?? []}
          defaultCategoryId={categoryId}
          onCancel={() => setOpen(null)}
          onSaved={() => done(t('routing.createdDone'))}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('routing.deleteTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await routingApi.remove(open.rule.id);
            done(t('routing.deletedDone'));
          }}
        >
          <p>
            {t('routing.deleteBody', {
              category: open.rule.categoryName,
              commune: communeOf(open.rule),
              agency: open.rule.agencyName,
            })}
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
