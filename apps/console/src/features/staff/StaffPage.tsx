import type { StaffUser } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useSession } from '../../app/auth.tsx';
import { ROLES } from '../../app/domain.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FormError, SelectField, TextField } from '../../components/Fields.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useDebounced, useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { RowActions } from '../../components/RowActions.tsx';
import { Notice } from '../../components/States.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { StaffFormDialog } from './StaffFormDialog.tsx';
import { staffApi } from './staff.api.ts';

const PAGE_SIZE = 20;

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; user: StaffUser }
  | { kind: 'reset'; user: StaffUser }
  | { kind: 'disable'; user: StaffUser }
  | null;

function StatusBadge({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  if (!user.active) return <span className="badge badge-off">{t('staff.statusDisabled')}</span>;
  if (user.locked) return <span className="badge badge-warn">{t('staff.statusLocked')}</span>;
  return <span className="badge badge-on">{t('staff.statusActive')}</span>;
}

export function StaffPage() {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<string>();
  const q = useDebounced(search.trim());

  const load = useCallback(
    (signal: AbortSignal) =>
      staffApi.list({ page, pageSize: PAGE_SIZE, q, role: ROLES.find((r) => r === role) ?? '' }, signal),
    [page, q, role],
  );
  const { data, error, loading, reload } = useQuery(load);

  const done = (message: string) => {
    setOpen(null);
    setActionError(undefined);
    setNotice(message);
    reload();
  };

  const enable = async (user: StaffUser) => {
    setNotice('');
    try {
      await staffApi.update(user.id, { active: true });
      done(t('staff.enabledDone', { username: user.username }));
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  const columns: Column<StaffUser>[] = [
    { key: 'username', header: t('staff.username'), cell: (u) => u.username },
    {
      key: 'fullName',
      header: t('staff.fullName'),
      cell: (u) => (u.id === me.id ? `${u.fullName} ${t('staff.you')}` : u.fullName),
    },
    { key: 'role', header: t('staff.role'), cell: (u) => t(`roles.${u.role}`) },
    { key: 'agency', header: t('staff.agency'), cell: (u) => u.agencyName ?? t('common.emDash') },
    { key: 'status', header: t('common.status'), cell: (u) => <StatusBadge user={u} /> },
    {
      key: 'lastLogin',
      header: t('staff.lastLogin'),
      cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('staff.never')),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'cell-actions',
      cell: (u) => (
        <RowActions
          name={u.username}
          actions={[
            { label: t('common.edit'), onClick: () => setOpen({ kind: 'edit', user: u }) },
            { label: t('staff.resetPassword'), onClick: () => setOpen({ kind: 'reset', user: u }) },
            u.id === me.id
              ? null
              : u.active
                ? {
                    label: t('staff.disable'),
                    danger: true,
                    onClick: () => setOpen({ kind: 'disable', user: u }),
                  }
                : { label: t('staff.enable'), onClick: () => void enable(u) },
          ]}
        />
      ),
    },
  ];

  return (
    <Page
      title={t('staff.title')}
      actions={
        <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
          {t('staff.add')}
        </button>
      }
    >
      <Notice text={notice} />
      <FormError message={actionError} />
      <div className="filters">
        <TextField
          label={t('staff.searchLabel')}
          type="search"
          value={search}
          onChange={(v) => {
            setSearch(v);
            setPage(1);
          }}
          autoComplete="off"
        />
        <SelectField
          label={t('staff.roleFilter')}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage(1);
          }}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          placeholder={t('staff.allRoles')}
        />
      </div>
      <DataTable
        caption={t('staff.tableCaption')}
        columns={columns}
        rows={data?.items}
        rowKey={(u) => u.id}
        loading={loading}
        error={error}
        onRetry={reload}
        paging={data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined}
      />
      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <StaffFormDialog
          user={open.kind === 'edit' ? open.user : undefined}
          onCancel={() => setOpen(null)}
          onSaved={(saved, created) =>
            done(t(created ? 'staff.createdDone' : 'staff.savedDone', { username: saved.username }))
          }
        />
      ) : null}
      {open?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={open.user}
          onCancel={() => setOpen(null)}
          onDone={(u) => done(t('staff.resetDone', { name: u.fullName }))}
        />
      ) : null}
      {open?.kind === 'disable' ? (
        <ConfirmDialog
          title={t('staff.disableTitle')}
          onCancel={() => setOpen(null)}
          onConfirm={async () => {
            await staffApi.update(open.user.id, { active: false });
            done(t('staff.disabledDone', { username: open.user.username }));
          }}
        >
          <p>{t('staff.disableBody', { name: open.user.fullName, username: open.user.username })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
