import type { Agency, AgencyKind } from '@dltt/contracts';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { AGENCY_KINDS, CODE_PATTERN } from '../../app/domain.ts';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import {
  CheckboxField,
  FormError,
  focusFirstInvalid,
  SelectField,
  TextField,
} from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { loadCommunes } from '../../lib/lookups.api.ts';
import { agenciesApi } from './agencies.api.ts';

type Field = 'code' | 'name' | 'kind' | 'communeCode' | 'phone' | 'email' | 'address';

const FIELD_OF_CODE: Record<string, Field> = {
  AGENCY_CODE_TAKEN: 'code',
  COMMUNE_NOT_FOUND: 'communeCode',
};

/** A deliberately loose check; the server has the final word. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function asKind(value: string): AgencyKind | '' {
  return AGENCY_KINDS.find((k) => k === value) ?? '';
}

interface AgencyFormDialogProps {
  agency?: Agency;
  onSaved(agency: Agency, created: boolean): void;
  onCancel(): void;
}

export function AgencyFormDialog({ agency, onSaved, onCancel }: AgencyFormDialogProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState(agency?.code ?? '');
  const [name, setName] = useState(agency?.name ?? '');
  const [kind, setKind] = useState<AgencyKind | ''>(agency?.kind ?? '');
  const [communeCode, setCommuneCode] = useState(agency?.communeCode ?? '');
  const [phone, setPhone] = useState(agency?.phone ?? '');
  const [email, setEmail] = useState(agency?.email ?? '');
  const [address, setAddress] = useState(agency?.address ?? '');
  const [active, setActive] = useState(agency?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const communes = useQuery(useCallback(() => loadCommunes(), []));

  const validate = () => {
    const found: Partial<Record<Field, string>> = {};
    if (!agency && !CODE_PATTERN.test(code.trim().toLowerCase())) found.code = t('validation.code');
    if (!name.trim()) found.name = t('validation.required');
    if (!kind) found.kind = t('validation.chooseOne');
    if (email.trim() && !EMAIL_PATTERN.test(email.trim())) found.email = t('validation.email');
    return found;
  };

  const orNull = (value: string) => (value.trim() ? value.trim() : null);

  const save = async () => {
    if (!kind) return;
    setSaving(true);
    setFormError(undefined);
    const fields = {
      name: name.trim(),
      kind,
      communeCode: orNull(communeCode),
      phone: orNull(phone),
      email: orNull(email),
      address: orNull(address),
    };
    try {
      if (agency) {
        onSaved(await agenciesApi.update(agency.id, { ...fields, active }), false);
      } else {
        onSaved(await agenciesApi.create({ code: code.trim().toLowerCase(), ...fields }), true);
      }
    } catch (e) {
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
      if (field) setErrors({ [field]: errorMessage(e) });
      else setFormError(errorMessage(e));
      setSaving(false);
      setConfirmDeactivate(false);
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
    if (agency?.active && !active) setConfirmDeactivate(true);
    else void save();
  };

  const communeOptions = (communes.data ?? []).map((c) => ({ value: c.code, label: c.fullName }));
  if (communeCode && !communeOptions.some((o) => o.value === communeCode)) {
    communeOptions.unshift({ value: communeCode, label: communeCode });
  }

  return (
    <Dialog title={agency ? t('agencies.editTitle') : t('agencies.createTitle')} onClose={onCancel}>
      <form ref={formRef} noValidate onSubmit={submit} className="dialog-form">
        <FormError message={formError} />
        {agency ? (
          <p className="muted">
            {t('agencies.code')}: <strong>{agency.code}</strong>
          </p>
        ) : (
          <TextField
            label={t('agencies.code')}
            value={code}
            onChange={setCode}
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            hint={t('agencies.codeHint')}
            error={errors.code}
          />
        )}
        <TextField
          label={t('agencies.name')}
          value={name}
          onChange={setName}
          required
          autoComplete="off"
          maxLength={200}
          error={errors.name}
        />
        <SelectField
          label={t('agencies.kind')}
          value={kind}
          onChange={(v) => setKind(asKind(v))}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
          placeholder={t('agencies.chooseKind')}
          required
          error={errors.kind}
        />
        <SelectField
          label={t('agencies.commune')}
          value={communeCode}
          onChange={setCommuneCode}
          options={communeOptions}
          placeholder={t('common.none')}
          error={errors.communeCode ?? (communes.error ? errorMessage(communes.error) : undefined)}
        />
        <TextField
          label={t('agencies.phone')}
          type="tel"
          value={phone}
          onChange={setPhone}
          autoComplete="off"
          maxLength={30}
          error={errors.phone}
        />
        <TextField
          label={t('agencies.email')}
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="off"
          maxLength={200}
          error={errors.email}
        />
        <TextField
          label={t('agencies.address')}
          value={address}
          onChange={setAddress}
          autoComplete="off"
          maxLength={300}
          error={errors.address}
        />
        {agency ? (
          <CheckboxField label={t('agencies.activeLabel')} checked={active} onChange={setActive} />
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {confirmDeactivate && agency ? (
        <ConfirmDialog
          title={t('agencies.deactivateTitle')}
          onConfirm={save}
          onCancel={() => setConfirmDeactivate(false)}
        >
          <p>{t('agencies.deactivateBody', { name: agency.name })}</p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
