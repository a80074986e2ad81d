import type { Role, StaffUser, UpdateStaffUserBody } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { isAgencyScoped, PASSWORD_MIN_LENGTH, ROLES, USERNAME_PATTERN } from '../../app/domain.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DialogForm } from '../../components/DialogForm.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { staffApi } from './staff.api.ts';

/** Server error codes that belong to one field; the rest are shown above the form. */
const FIELD_OF_CODE = {
  USERNAME_TAKEN: 'username',
  AGENCY_REQUIRED: 'agency',
  AGENCY_NOT_FOUND: 'agency',
  AGENCY_INACTIVE: 'agency',
} as const;

function asRole(value: string): Role | '' {
  return ROLES.find((r) => r === value) ?? '';
}

interface StaffFormDialogProps {
  /** The account to edit; creates a new one when absent. */
  user?: StaffUser;
  onSaved(user: StaffUser, created: boolean): void;
  onCancel(): void;
}

export function StaffFormDialog({ user, onSaved, onCancel }: StaffFormDialogProps) {
  const { t } = useTranslation();
  const form = useDialogForm({
    initial: {
      username: user?.username ?? '',
      fullName: user?.fullName ?? '',
      role: user?.role ?? ('' as Role | ''),
      agency: (user?.agencyId
        ? { id: user.agencyId, name: user.agencyName ?? user.agencyId }
        : null) as AgencyRef | null,
      password: '',
      active: user?.active ?? true,
    },
    validate: (v) => ({
      username:
        !user && !USERNAME_PATTERN.test(v.username.trim().toLowerCase())
          ? t('validation.username')
          : undefined,
      fullName: v.fullName.trim() ? undefined : t('validation.required'),
      role: v.role ? undefined : t('validation.chooseOne'),
      agency:
        v.role !== '' && isAgencyScoped(v.role) && !v.agency ? t('validation.agencyRequired') : undefined,
      password:
        !user && v.password.length < PASSWORD_MIN_LENGTH
          ? t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH })
          : undefined,
    }),
    fieldOfCode: FIELD_OF_CODE,
    save: async ({ username, fullName, role, agency, password, active }) => {
      if (!role) return;
      if (user) {
        const patch = patchFor(user, { fullName, role, agency, active });
        onSaved(Object.keys(patch).length ? await staffApi.update(user.id, patch) : user, false);
      } else {
        const created = await staffApi.create({
          username: username.trim().toLowerCase(),
          fullName: fullName.trim(),
          role,
          agencyId: isAgencyScoped(role) ? (agency?.id ?? null) : null,
          password,
        });
        onSaved(created, true);
      }
    },
  });
  const { role } = form.values;
  const scoped = role !== '' && isAgencyScoped(role);

  return (
    <DialogForm
      title={user ? t('staff.editTitle') : t('staff.createTitle')}
      form={form}
      onCancel={onCancel}
      confirm={
        user?.active && !form.values.active
          ? {
              title: t('staff.disableTitle'),
              body: <p>{t('staff.disableBody', { name: user.fullName, username: user.username })}</p>,
            }
          : undefined
      }
    >
      {user ? (
        <p className="muted">
          {t('staff.username')}: <strong>{user.username}</strong>
        </p>
      ) : (
        <TextField
          label={t('staff.username')}
          {...form.field('username')}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          hint={t('staff.usernameHint')}
        />
      )}
      <TextField
        label={t('staff.fullName')}
        {...form.field('fullName')}
        required
        autoComplete="off"
        maxLength={120}
      />
      <SelectField
        label={t('staff.role')}
        value={role}
        onChange={(v) => form.set('role', asRole(v))}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        placeholder={t('staff.chooseRole')}
        required
        error={form.errors.role}
      />
      {scoped ? (
        <AgencyPicker
          value={form.values.agency}
          onChange={(v) => form.set('agency', v)}
          required
          error={form.errors.agency}
        />
      ) : null}
      {user ? (
        <CheckboxField
          label={t('staff.activeLabel')}
          checked={form.values.active}
          onChange={(v) => form.set('active', v)}
        />
      ) : (
        <TextField
          label={t('staff.password')}
          type="password"
          {...form.field('password')}
          required
          autoComplete="new-password"
          hint={t('staff.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        />
      )}
    </DialogForm>
  );
}

interface StaffChoices {
  fullName: string;
  role: Role;
  agency: AgencyRef | null;
  active: boolean;
}

/** Only what changed: an unchanged agency that has since been deactivated must not block a rename. */
function patchFor(existing: StaffUser, chosen: StaffChoices): UpdateStaffUserBody {
  const patch: UpdateStaffUserBody = {};
  if (chosen.fullName.trim() !== existing.fullName) patch.fullName = chosen.fullName.trim();
  if (chosen.role !== existing.role) patch.role = chosen.role;
  const agencyId = isAgencyScoped(chosen.role)
    ? (chosen.agency?.id ?? null)
    : isAgencyScoped(existing.role)
      ? null
      : existing.agencyId;
  if (agencyId !== existing.agencyId) patch.agencyId = agencyId;
  if (chosen.active !== existing.active) patch.active = chosen.active;
  return patch;
}
