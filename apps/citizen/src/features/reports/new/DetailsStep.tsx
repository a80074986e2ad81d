import { REPORT_TEXT_MAX } from '@dltt/contracts/constants';
import { useTranslation } from 'react-i18next';
import type { ReportDraft } from '../report-draft.ts';

const MAX_DESCRIPTION = REPORT_TEXT_MAX;
export const MAX_ADDRESS = 300;

export interface DetailsErrors {
  description?: boolean;
  phone?: boolean;
  consent?: boolean;
}

/** aria-describedby may only name elements that exist. */
const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ');

/** Description, optional address and phone, identity and consent; every field a native, labelled control. */
export function DetailsStep({
  draft,
  errors,
  onChange,
}: {
  draft: ReportDraft;
  errors: DetailsErrors;
  onChange: (change: Partial<ReportDraft>) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="step-body form">
      <div className="field">
        <label htmlFor="report-description">{t('reports.details.description')}</label>
        <textarea
          id="report-description"
          rows={6}
          maxLength={MAX_DESCRIPTION}
          value={draft.description}
          aria-invalid={errors.description || undefined}
          aria-describedby={ids(
            'report-description-privacy',
            'report-description-count',
            errors.description && 'report-description-error',
          )}
          placeholder={t('reports.details.descriptionPlaceholder')}
          onChange={(e) => onChange({ description: e.target.value })}
        />
        <p id="report-description-privacy" className="hint">
          {t('reports.details.publicPrivacy')}
        </p>
        <p id="report-description-count" className="hint counter">
          {t('reports.details.counter', { count: draft.description.length, max: MAX_DESCRIPTION })}
        </p>
        {errors.description && (
          <p id="report-description-error" className="field-error" role="alert">
            {t('reports.details.descriptionRequired')}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor="report-address">{t('reports.details.address')}</label>
        <input
          id="report-address"
          type="text"
          maxLength={MAX_ADDRESS}
          autoComplete="street-address"
          value={draft.address}
          aria-describedby="report-address-privacy report-address-hint"
          onChange={(e) => onChange({ address: e.target.value })}
        />
        {/* The address is published with the result, like the description. */}
        <p id="report-address-privacy" className="hint">
          {t('reports.details.publicPrivacy')}
        </p>
        <p id="report-address-hint" className="hint">
          {t('reports.details.addressHint')}
        </p>
      </div>

      <div className="field">
        <label htmlFor="report-phone">{t('reports.details.phone')}</label>
        <input
          id="report-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          value={draft.contactPhone}
          aria-invalid={errors.phone || undefined}
          aria-describedby={ids('report-phone-hint', errors.phone && 'report-phone-error')}
          onChange={(e) => onChange({ contactPhone: e.target.value })}
        />
        <p id="report-phone-hint" className="hint">
          {t('reports.details.phoneHint')}
        </p>
        {errors.phone && (
          <p id="report-phone-error" className="field-error" role="alert">
            {t('reports.details.phoneInvalid')}
          </p>
        )}
      </div>

      <div className="check-field">
        <input
          id="report-hide-identity"
          type="checkbox"
          checked={draft.hideIdentity}
          aria-describedby="report-hide-identity-hint"
          onChange={(e) => onChange({ hideIdentity: e.target.checked })}
        />
        <div>
          <label htmlFor="report-hide-identity">{t('reports.details.hideIdentity')}</label>
          <p id="report-hide-identity-hint" className="hint">
            {t('reports.details.hideIdentityHint')}
          </p>
        </div>
      </div>

      <div className="check-field">
        <input
          id="report-consent"
          type="checkbox"
          checked={draft.consent}
          aria-invalid={errors.consent || undefined}
          aria-describedby={ids('report-terms', errors.consent && 'report-consent-error')}
          onChange={(e) => onChange({ consent: e.target.checked })}
        />
        <div>
          <label htmlFor="report-consent">{t('reports.details.consent')}</label>
          <p id="report-terms" className="hint">
            {t('reports.details.terms')}
          </p>
          {errors.consent && (
            <p id="report-consent-error" className="field-error" role="alert">
              {t('reports.details.consentRequired')}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
