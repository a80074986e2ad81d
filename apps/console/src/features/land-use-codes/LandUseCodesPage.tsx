import type { LandUseCode } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LAND_USE_GROUPS } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { SelectField, TextField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { LandUseCodeFormDialog } from './LandUseCodeFormDialog.tsx';
import { landUseCodesApi } from './land-use-codes.api.ts';
import './land-use-codes.css';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; landUse: LandUseCode }
  | { kind: 'delete'; landUse: LandUseCode }
  | null;

function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** "Mã loại đất": the dictionary the importer checks codes against and the citizens' map is coloured from. */
export function LandUseCodesPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [group, setGroup] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const { data, error, loading, reload } = useQuery(
    useCallback((signal: AbortSignal) => landUseCodesApi.list(signal), []),
  );
  const wanted = folded(search.trim());
  const rows = data
    ?.filter((c) => !group || c.group === group)
    .filter((c) => !wanted || folded(`${c.code} ${c.nameVi} ${c.nameEn}`).includes(wanted))
    .sort(
      (a, b) =>
        LAND_USE_GROUPS.indexOf(a.group) - LAND_USE_GROUPS.indexOf(b.group) ||
        Number(a.legacy) - Number(b.legacy) ||
        a.code.localeCompare(b.code),
    );
  const nameOf = (c: LandUseCode) => (i18n.language === 'en' ? c.nameEn : c.nameVi);

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };

  const columns: Column<LandUseCode>[] = [
    {
      key: 'code',
      header: t('landUseCodes.code'),
      cell: (c) => (
        <>
          <strong>{c.code}</strong>
          {c.legacy ? (
            <>
              {' '}
              <span className="badge badge-off">{t('landUseCodes.legacyBadge')}</span>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'name', header: t('landUseCodes.name'), cell: nameOf },
    { key: 'group', header: t('landUseCodes.group'), cell: (c) => t(`landUseCodes.groups.${c.group}`) },
    {
      key: 'color',
      header: t('landUseCodes.color'),
      className: 'cell-nowrap',
      cell: (c) => (
        <>
          <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
          <code>{c.color}</code>
        </>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (c) => (
        <RowActions
          name={c.code}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', landUse: c }) },
            {
              label: t('landUseCodes.delete'),
              danger: true,
              onClick: () => setOpen({ kind: 'delete', landUse: c }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('landUseCodes.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('landUseCodes.add')}
        </button>
      }
    >
      <p>{t('landUseCodes.intro')}</p>
      <Notice text={notice} />
      <div className="filters">
        <TextField
          label={t('landUseCodes.searchLabel')}
          type="search"
          value={search}
          onChange={setSearch}
          autoComplete="off"
        />
        <SelectField
          label={t('landUseCodes.groupFilter')}
          value={group}
          onChange={setGroup}
          options={LAND_USE_GROUPS.map((g) => ({ value: g, label: t(`landUseCodes.groups.${g}`) }))}
          placeholder={t('landUseCodes.allGroups')}
        />
      </div>
      <DataTable
        caption={t('landUseCodes.tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.code}
        loading={loading}
        error={error}
        onRetry={reload}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <LandUseCodeFormDialog
          landUse={open.kind === 'edit' ? open.landUse : undefined}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) =>
            done(t(created ? 'landUseCodes.createdDone' : 'landUseCodes.savedDone', { code: saved.code }))
          }
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('landUseCodes.deleteTitle', { code: open.landUse.code })}
          confirmLabel={t('landUseCodes.delete')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await landUseCodesApi.remove(open.landUse.code);
            done(t('landUseCodes.deletedDone', { code: open.landUse.code }));
          }}
        >
          <p>{t('landUseCodes.deleteBody', { code: open.landUse.code, name: nameOf(open.landUse) })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
