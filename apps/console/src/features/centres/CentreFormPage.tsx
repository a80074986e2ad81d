import type { Centre, CentreBody } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, type ValidationIssue, validationIssues } from '../../app/api.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { CheckboxField, FormError, TextField } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { CountersEditor } from './CountersEditor.tsx';
import {
  type CentreDraft,
  coverageGaps,
  type DraftErrors,
  type FieldDraft,
  LIMITS,
  newCentreDraft,
  toBody,
  toDraft,
  validateDraft,
} from './centre-form.ts';
import { centresApi, loadAgency } from './centres.api.ts';
import { FieldsEditor } from './FieldsEditor.tsx';
import { SessionsEditor } from './SessionsEditor.tsx';
import './centres.css';

/** What the list shows after a save (router state of the navigation back to /centres). */
export interface CentresNotice {
  notice: string;
}

/** "Thêm trung tâm": a new centre, starting with office hours Monday to Friday. */
export function NewCentrePage() {
  const { t } = useTranslation();
  const initial = useMemo(() => newCentreDraft(), []);
  return (
    <Page title={t('centres.createTitle')}>
      <BackLink />
      <CentreForm initial={initial} />
    </Page>
  );
}

/** "Sửa trung tâm": loads the centre (and its agency's name for the picker) before showing the form. */
export function EditCentrePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery(
    useCallback(
      async (signal: AbortSignal) => {
        const centre = (await centresApi.list(signal)).find((c) => c.id === id);
        if (!centre) return null;
        const name = await loadAgency(centre.agencyId).then(
          (a) => a.name,
          () => centre.agencyId,
        );
        return { centre, draft: toDraft(centre, { id: centre.agencyId, name }) };
      },
      [id],
    ),
  );
  const loaded = query.data;

  return (
    <Page title={loaded ? t('centres.editTitle', { name: loaded.centre.name }) : t('centres.editTitleShort')}>
      <BackLink />
      {query.error ? (
        <ErrorMessage error={query.error} onRetry={query.reload} />
      ) : loaded === undefined ? (
        <Loading />
      ) : loaded === null ? (
        <p className="state state-error" role="alert">
          {t('centres.notFound')}
        </p>
      ) : (
        <>
          <p>
            <Link to={`/centres/${loaded.centre.id}/closures`}>{t('centres.closuresLink')}</Link>
          </p>
          <CentreForm key={loaded.centre.id} stored={loaded.centre} initial={loaded.draft} />
        </>
      )}
    </Page>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/centres" className="back-link">
      {t('centres.back')}
    </Link>
  );
}

type GeneralField = 'code' | 'agency';

const FIELD_OF_CODE: Record<string, GeneralField> = {
  CENTRE_CODE_TAKEN: 'code',
  AGENCY_NOT_FOUND: 'agency',
};

const FIELD_PATHS = {
  code: 'centres.fields.code',
  name: 'centres.fields.name',
  letter: 'centres.fields.letter',
  slotMinutes: 'centres.fields.slotMinutes',
  capacity: 'centres.fields.capacity',
  remoteDailyCap: 'centres.fields.remoteDailyCap',
} as const;

const isFieldPath = (key: string | undefined): key is keyof typeof FIELD_PATHS =>
  key !== undefined && Object.hasOwn(FIELD_PATHS, key);

/** "body.fields.2.letter" -> "Lĩnh vực “ho-tich” – Chữ cái: …": names the row by what was sent, not by index. */
function issueText(issue: ValidationIssue, body: CentreBody, t: TFunction): string {
  const path = issue.path.replace(/^body\.?/, '');
  const [list, index, key] = path.split('.');
  const i = Number(index);
  if (list === 'fields' && body.fields[i]) {
    const label = isFieldPath(key) ? ` – ${t(FIELD_PATHS[key])}` : '';
    return `${t('centres.fields.named', { code: body.fields[i].code })}${label}: ${issue.message}`;
  }
  if (list === 'counters' && body.counters[i]) {
    return `${t('centres.counters.named', { number: body.counters[i].number })}: ${issue.message}`;
  }
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** "A – Hộ tịch", as the counters list it. */
const fieldName = (f: FieldDraft) => `${f.letter.trim()} – ${f.name.trim()}`;

interface CentreFormProps {
  /** The centre as stored; absent for a new one. */
  stored?: Centre;
  initial: CentreDraft;
}

function CentreForm({ stored, initial }: CentreFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  // Checked once the first save is tried, then on every change, so a fixed field clears its message at once.
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<GeneralField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [issues, setIssues] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  // Asked before saving: taking the centre out of service, or leaving fields without a counter.
  const [confirming, setConfirming] = useState<'deactivate' | 'coverage' | null>(null);
  const checks: DraftErrors = useMemo(
    () => (checked ? validateDraft(draft, stored, t) : {}),
    [checked, draft, stored, t],
  );
  const errors: DraftErrors = { ...checks, ...serverErrors };
  const gaps = coverageGaps(draft);
  const hasGaps = gaps.fields.length > 0 || gaps.counters.length > 0;

  const set = (patch: Partial<CentreDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A server answer about a field no longer holds once the field changes.
    const touched = Object.keys(patch);
    if (touched.some((k) => k in serverErrors)) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
    }
  };

  const save = async () => {
    const body = toBody(draft, stored);
    setSaving(true);
    setFormError(undefined);
    setIssues([]);
    try {
      const saved = stored ? await centresApi.update(stored.id, body) : await centresApi.create(body);
      const notice = t(stored ? 'centres.savedDone' : 'centres.createdDone', { name: saved.name });
      navigate('/centres', { state: { notice } satisfies CentresNotice });
    } catch (e) {
      setConfirming(null);
      setSaving(false);
      const field = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
      if (field) {
        setServerErrors({ [field]: errorMessage(e) });
        setFormError(t('validation.fixErrors'));
        focusFirst();
        return;
      }
      setFormError(errorMessage(e));
      setIssues(validationIssues(e).map((issue) => issueText(issue, body, t)));
    }
  };

  const focusFirst = () =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setIssues([]);
    const found = validateDraft(draft, stored, t);
    if (Object.keys(found).length > 0 || Object.keys(serverErrors).length > 0) {
      setFormError(t('validation.fixErrors'));
      focusFirst();
      return;
    }
    setFormError(undefined);
    if (stored?.active && !draft.active) setConfirming('deactivate');
    // Saving stays possible (an admin may add the counters later), but not without saying what citizens meet.
    else if (draft.active && hasGaps) setConfirming('coverage');
    else void save();
  };

  const interleave = Number(draft.walkInInterleave.trim());

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="centre-form">
      <section aria-labelledby="centre-general">
        <h2 id="centre-general">{t('centres.sections.general')}</h2>
        <div className="centre-grid">
          {stored ? (
            <p className="centre-fixed">
              <span className="centre-fixed-label">{t('centres.code')}</span>
              <code>{stored.code}</code>
            </p>
          ) : (
            <TextField
              label={t('centres.code')}
              value={draft.code}
              onChange={(code) => set({ code })}
              required
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              hint={t('centres.codeHint')}
              error={errors.code}
            />
          )}
          <TextField
            label={t('centres.name')}
            value={draft.name}
            onChange={(name) => set({ name })}
            required
            autoComplete="off"
            maxLength={LIMITS.name}
            error={errors.name}
          />
        </div>
        <TextField
          label={t('centres.address')}
          value={draft.address}
          onChange={(address) => set({ address })}
          autoComplete="off"
          maxLength={LIMITS.address}
          error={errors.address}
        />
        <div className="centre-grid">
          <TextField
            label={t('centres.lat')}
            value={draft.lat}
            onChange={(lat) => set({ lat })}
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            hint={t('centres.latHint')}
            error={errors.lat}
          />
          <TextField
            label={t('centres.lng')}
            value={draft.lng}
            onChange={(lng) => set({ lng })}
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            hint={t('centres.lngHint')}
            error={errors.lng}
          />
        </div>
        <AgencyPicker
          value={draft.agency}
          onChange={(agency) => set({ agency })}
          label={t('centres.agency')}
          required
          error={errors.agency}
        />
        <div className="centre-grid">
          <TextField
            label={t('centres.bookingDays')}
            type="number"
            value={draft.bookingDays}
            onChange={(bookingDays) => set({ bookingDays })}
            required
            min={LIMITS.bookingDays[0]}
            max={LIMITS.bookingDays[1]}
            hint={t('centres.bookingDaysHint')}
            error={errors.bookingDays}
          />
          <TextField
            label={t('centres.walkInInterleave')}
            type="number"
            value={draft.walkInInterleave}
            onChange={(walkInInterleave) => set({ walkInInterleave })}
            required
            min={LIMITS.walkInInterleave[0]}
            max={LIMITS.walkInInterleave[1]}
            hint={
              Number.isInteger(interleave) && interleave > 0
                ? t('centres.walkInInterleaveHint', { count: interleave })
                : t('centres.walkInInterleaveHintAny')
            }
            error={errors.walkInInterleave}
          />
        </div>
        <CheckboxField
          label={t('centres.active')}
          checked={draft.active}
          onChange={(active) => set({ active })}
          hint={t('centres.activeHint')}
        />
      </section>

      <section aria-labelledby="centre-sessions">
        <h2 id="centre-sessions">{t('centres.sections.sessions')}</h2>
        <SessionsEditor week={draft.sessions} errors={errors} onChange={(sessions) => set({ sessions })} />
      </section>

      <section aria-labelledby="centre-fields">
        <h2 id="centre-fields">{t('centres.sections.fields')}</h2>
        <p className="muted">{t('centres.fields.intro')}</p>
        <FieldsEditor
          fields={draft.fields}
          counters={draft.counters}
          errors={errors}
          onChange={(fields) => set({ fields })}
          onRemoved={(uid) =>
            setDraft((d) => ({
              ...d,
              counters: d.counters.map((c) => ({ ...c, fieldUids: c.fieldUids.filter((u) => u !== uid) })),
            }))
          }
        />
      </section>

      <section aria-labelledby="centre-counters">
        <h2 id="centre-counters">{t('centres.sections.counters')}</h2>
        <p className="muted">{t('centres.counters.intro')}</p>
        <CountersEditor
          counters={draft.counters}
          fields={draft.fields}
          errors={errors}
          onChange={(counters) => set({ counters })}
        />
      </section>

      <FormError message={formError} />
      {issues.length > 0 ? (
        <ul className="issue-list">
          {issues.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
      <div className="dialog-actions centre-form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t('common.saving') : t('centres.save')}
        </button>
        <Link to="/centres" className="button">
          {t('common.cancel')}
        </Link>
      </div>
      {confirming === 'deactivate' && stored ? (
        <ConfirmDialog
          title={t('centres.deactivateTitle')}
          onConfirm={save}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('centres.deactivateBody', { name: stored.name })}</p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'coverage' ? (
        <ConfirmDialog
          title={t('centres.coverage.title')}
          confirmLabel={t('centres.coverage.saveAnyway')}
          cancelLabel={t('centres.coverage.goBack')}
          onConfirm={save}
          onCancel={() => setConfirming(null)}
        >
          {gaps.fields.length > 0 ? (
            <>
              <p>{t('centres.coverage.fields')}</p>
              <ul data-testid="unserved-fields">
                {gaps.fields.map((f) => (
                  <li key={f.uid}>{fieldName(f)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {gaps.counters.length > 0 ? (
            <>
              <p>{t('centres.coverage.counters')}</p>
              <ul data-testid="idle-counters">
                {gaps.counters.map((c) => (
                  <li key={c.uid}>{t('centres.counters.named', { number: c.number.trim() })}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p>{t('centres.coverage.later')}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
