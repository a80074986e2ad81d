import type { StaffUser } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../app/domain.ts';
import { DialogForm } from '../../components/DialogForm.tsx';
import { TextField } from '../../components/Fields.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { staffApi } from './staff.api.ts';

interface ResetPasswordDialogProps {
  user: StaffUser;
  onDone(user: StaffUser): void;
  onCancel(): void;
}

/** An administrator sets a new password for someone (it also unlocks a locked account). */
export function ResetPasswordDialog({ user, onDone, onCancel }: ResetPasswordDialogProps) {
  const { t } = useTranslation();
  const form = useDialogForm({
    initial: { password: '' },
    validate: (v) => ({
      password:
        v.password.length < PASSWORD_MIN_LENGTH
          ? t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH })
          : undefined,
    }),
    summary: false,
    save: async (v) => onDone(await staffApi.resetPassword(user.id, v.password)),
  });

  return (
    <DialogForm
      title={t('staff.resetTitle', { name: user.fullName })}
      form={form}
      submitLabel={t('staff.resetPassword')}
      busyLabel={t('common.saving')}
      onCancel={onCancel}
      intro={<p className="muted">{t('staff.resetNote')}</p>}
    >
      <TextField
        label={t('password.new')}
        type="password"
        {...form.field('password')}
        required
        autoComplete="new-password"
        hint={t('staff.passwordHint', { min: PASSWORD_MIN_LENGTH })}
      />
    </DialogForm>
  );
}
