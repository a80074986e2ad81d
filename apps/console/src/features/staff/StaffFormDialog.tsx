import type { Role, StaffUser, UpdateStaffUserBody } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { isAgencyScoped, PASSWORD_MIN_LENGTH, ROLES, USERNAME_PATTERN } from '../../app/domain.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import {
  CheckboxField,
  FormError,
  focusFirstInvalid,
  SelectField,
  TextField,
} from '../../components/Fields.tsx';
import { staffApi } from './staff.api.ts';

type Field = 'username' | 'fullName' | 'role' | 'agency' | 'password';

/** Server error codes that belong to one field; the rest are shown above the form. */
const FIELD_OF_CODE: Record<string, Field> = {
  USERNAME_TAKEN: 'username',
  AGENCY_REQUIRED: 'agency',
  AGENCY_NOT_FOUND: 'agency',
  AGENCY_INACTIVE: 'agency',
};

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
  const formRef = useRef<HTMLFormElement>(null);
  const [username, setUsername] = useState(user?.username ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [role, setRole] = useState<Role | ''>(user?.role ?? '');
  const [agency, setAgency] = useState<AgencyRef | null>(
    user?.agencyId ? { id: user.agencyId, name: user.agencyName ?? user.agencyId } : null,
  );
  const [password, setPassword] = useState('');
  const [active, setActive] = useState(user?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);

  const scoped = role !== '' && isAgencyScoped(role);

  const validate = () => {
    const found: Partial<Record<Field, string>> = {};
    if (!user && !USERNAME_PATTERN.test(username.trim().toLowerCase()))
      found.username = t('validation.username');
    if (!fullName.trim()) found.fullName = t('validation.required');
    if (!role) found.role = t('validation.chooseOne');
    if (scoped && !agency) found.agency = t('validation.agencyRequired');
    if (!user && password.length < PASSWORD_MIN_LENGTH) {
      found.password = t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH });
    }
    return found;
  };

  /** Only what changed: an unchanged agency that has since been deactivated must not block a rename. */
  const patchFor = (existing: StaffUser, chosenRole: Role): UpdateStaffUserBody => {
    const patch: UpdateStaffUserBody = {};
    if (fullName.trim() !== existing.fullName) patch.fullName = fullName.trim();
    if (chosenRole !== existing.role) patch.role = chosenRole;
    const agencyId = isAgencyScoped(chosenRole)
      ? (agency?.id ?? null)
      : isAgencyScoped(existing.role)
        ? null
        : existing.agencyId;
    if (agencyId !== existing.agencyId) patch.agencyId = agencyId;
    if (active !== existing.active) patch.active = active;
    return patch;
  };

  const save = async () => {
    if (!role) return;
    setSaving(true);
    setFormError(undefined);
    try {
      if (user) {
        const patch = patchFor(user, role);
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
    } catch (e) {
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
      if (field) setErrors({ [field]: errorMessage(e) });
      else setFormError(errorMessage(e));
      setSaving(false);
      setConfirmDisable(false);
      focusFirstInvalid(formRef.current);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setFormError(undefined);
    if (user?.active && !active) setConfirmDisable(true);
    else void save();
  };

  return (
    <Dialog title={user ? t('staff.editTitle') : t('staff.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        {user ? (
          <p className="muted">
            {t('staff.username')}: <strong>{user.username}</strong>
          </p>
        ) : (
          <TextField
            label={t('staff.username')}
            value={username}
            onChange={setUsername}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            hint={t('staff.usernameHint')}
            error={errors.username}
          />
        )}
        <TextField
          label={t('staff.fullName')}
          value={fullName}
          onChange={setFullName}
          required
          autoComplete="off"
          maxLength={120}
          error={errors.fullName}
        />
        <SelectField
          label={t('staff.role')}
          value={role}
          onChange={(v) => setRole(asRole(v))}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          placeholder={t('staff.chooseRole')}
          required
          error={errors.role}
        />
        {scoped ? <AgencyPicker value={agency} onChange={setAgency} required error={errors.agency} /> : null}
        {user ? (
          <CheckboxField label={t('staff.activeLabel')} checked={active} onChange={setActive} />
        ) : (
          <TextField
            label={t('staff.password')}
            type="password"
            value={password}
            onChange={setPassword}
            required
            autoComplete="new-password"
            hint={t('staff.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            error={errors.password}
          />
        )}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {confirmDisable && user ? (
        <ConfirmDialog
          title={t('staff.disableTitle')}
          onConfirm={save}
          onCancel={() => setConfirmDisable(false)}
        >
          <p>{t('staff.disableBody', { name: user.fullName, username: user.username })}</p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
