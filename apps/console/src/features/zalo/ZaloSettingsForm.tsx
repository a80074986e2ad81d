import type { ZaloChannel, ZaloNotificationKind, ZaloSettings } from '@dltt/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { ZALO_CHANNELS, ZALO_KINDS, ZNS_TEMPLATE_ID_PATTERN } from '../../app/domain.ts';
import { FormError, focusFirstInvalid, SelectField, TextField } from '../../components/Fields.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Notice } from '../../components/States.tsx';
import { zaloApi } from './zalo.api.ts';

type Templates = Record<ZaloNotificationKind, string>;
type Errors = Partial<Record<ZaloNotificationKind | 'token', string>>;

const TOKEN_MIN = 8;
const TOKEN_MAX = 1000;

interface ZaloSettingsFormProps {
  settings: ZaloSettings;
  onSaved(settings: ZaloSettings): void;
}

/**
 * The channel, the approved ZNS template of each kind, and the OA refresh token. The token field is write-only:
 * the server never sends a token back, so the field starts empty and an empty field keeps the current token.
 */
export function ZaloSettingsForm({ settings, onSaved }: ZaloSettingsFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [channel, setChannel] = useState<ZaloChannel>(settings.channel);
  const [templates, setTemplates] = useState<Templates>({
    report_status: settings.templates.report_status ?? '',
    queue_soon: settings.templates.queue_soon ?? '',
    queue_called: settings.templates.queue_called ?? '',
  });
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);

  const validate = (): Errors => {
    const found: Errors = {};
    for (const kind of ZALO_KINDS) {
      const value = templates[kind].trim();
      if (value && !ZNS_TEMPLATE_ID_PATTERN.test(value)) found[kind] = t('zalo.templateInvalid');
    }
    if (token.trim() && token.trim().length < TOKEN_MIN)
      found.token = t('zalo.tokenTooShort', { min: TOKEN_MIN });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setFormError(undefined);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('validation.fixErrors'));
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    try {
      const value = (kind: ZaloNotificationKind) => templates[kind].trim() || null;
      const saved = await zaloApi.saveSettings({
        channel,
        templates: {
          report_status: value('report_status'),
          queue_soon: value('queue_soon'),
          queue_called: value('queue_called'),
        },
        ...(token.trim() ? { oaRefreshToken: token.trim() } : {}),
      });
      setToken('');
      setNotice(token.trim() ? t('zalo.savedWithToken') : t('common.saved'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ZALO_OA_TOKEN_REJECTED') setErrors({ token: e.message });
      else setFormError(errorMessage(e));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const missingTemplates = channel === 'zns' && ZALO_KINDS.some((k) => !templates[k].trim());

  return (
    <>
      <dl className="facts card" aria-label={t('zalo.statusTitle')}>
        <div>
          <dt>{t('zalo.appConfigured')}</dt>
          <dd>{settings.appConfigured ? t('zalo.yes') : t('zalo.appMissing')}</dd>
        </div>
        <div>
          <dt>{t('zalo.oaConnection')}</dt>
          <dd>
            {settings.oaConnected && settings.oaAccessExpiresAt
              ? t('zalo.oaConnectedUntil', { time: formatDateTime(settings.oaAccessExpiresAt) })
              : settings.oaTokenSet
                ? t('zalo.oaNotConnectedYet')
                : t('zalo.oaNoToken')}
          </dd>
        </div>
        {settings.oaLastError ? (
          <div>
            <dt>{t('zalo.oaLastError')}</dt>
            <dd>
              <code>{settings.oaLastError}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('zalo.updatedAt')}</dt>
          <dd>
            {formatDateTime(settings.updatedAt)}
            {settings.updatedBy ? ` — ${settings.updatedBy}` : ''}
          </dd>
        </div>
      </dl>
      <Notice text={notice} />
      <form ref={formRef} className="card form-narrow" noValidate onSubmit={submit}>
        <FormError message={formError} />
        <SelectField
          label={t('zalo.channel')}
          value={channel}
          onChange={(v) => setChannel(v as ZaloChannel)}
          options={ZALO_CHANNELS.map((c) => ({ value: c, label: t(`zalo.channels.${c}`) }))}
          hint={t('zalo.channelHint')}
        />
        {ZALO_KINDS.map((kind) => (
          <TextField
            key={kind}
            label={t(`zalo.templateFor.${kind}`)}
            value={templates[kind]}
            onChange={(v) => setTemplates((old) => ({ ...old, [kind]: v }))}
            autoComplete="off"
            maxLength={20}
            spellCheck={false}
            hint={t(`zalo.templateParams.${kind}`)}
            error={errors[kind]}
          />
        ))}
        {missingTemplates ? <p className="warning-box">{t('zalo.templatesMissing')}</p> : null}
        <TextField
          label={t('zalo.refreshToken')}
          type="password"
          value={token}
          onChange={setToken}
          autoComplete="off"
          spellCheck={false}
          maxLength={TOKEN_MAX}
          hint={settings.oaTokenSet ? t('zalo.refreshTokenHintKeep') : t('zalo.refreshTokenHintNew')}
          error={errors.token}
        />
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </>
  );
}
