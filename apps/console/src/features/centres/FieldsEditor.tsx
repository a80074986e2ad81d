import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Fields.tsx';
import { type CounterDraft, type DraftErrors, type FieldDraft, LIMITS, newField } from './centre-form.ts';
import { focusIn } from './SessionsEditor.tsx';

interface FieldsEditorProps {
  fields: FieldDraft[];
  counters: readonly CounterDraft[];
  errors: DraftErrors;
  onChange(fields: FieldDraft[]): void;
  /** A field left the form: counters stop serving it. */
  onRemoved(uid: string): void;
}

/** "Lĩnh vực tiếp nhận": what citizens book, each with its ticket letter, slot length and places per slot. */
export function FieldsEditor({ fields, counters, errors, onChange, onRemoved }: FieldsEditorProps) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const full = fields.length >= LIMITS.fields;

  const set = (uid: string, patch: Partial<FieldDraft>) =>
    onChange(fields.map((f) => (f.uid === uid ? { ...f, ...patch } : f)));

  const add = () => {
    const field = newField();
    onChange([...fields, field]);
    focusIn(field.uid, 'input');
  };
  const remove = (field: FieldDraft) => {
    onChange(fields.filter((f) => f.uid !== field.uid));
    onRemoved(field.uid);
    setAnnouncement(t(field.saved ? 'centres.fields.removedSaved' : 'centres.fields.removed'));
    setTimeout(() => addRef.current?.focus());
  };

  const servingCounters = (uid: string) =>
    counters.filter((c) => c.active && c.fieldUids.includes(uid)).length;

  return (
    <>
      {errors.fields ? (
        <p className="field-error" role="alert">
          {errors.fields}
        </p>
      ) : null}
      {fields.length === 0 ? <p className="state state-empty">{t('centres.fields.empty')}</p> : null}
      {fields.map((f, index) => {
        const position = t('centres.fields.legend', { n: index + 1 });
        const serving = servingCounters(f.uid);
        return (
          <fieldset key={f.uid} id={f.uid} className="centre-item">
            <legend>
              {position}
              {LETTER_SHOWN.test(f.letter) ? (
                <span className="letter-chip" aria-hidden="true">
                  {f.letter}
                </span>
              ) : null}
            </legend>
            <div className="centre-grid">
              {f.saved ? (
                <p className="centre-fixed">
                  <span className="centre-fixed-label">{t('centres.fields.code')}</span>
                  <code>{f.code}</code>
                </p>
              ) : (
                <TextField
                  label={t('centres.fields.code')}
                  value={f.code}
                  onChange={(code) => set(f.uid, { code })}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={64}
                  hint={t('centres.fields.codeHint')}
                  error={errors[`${f.uid}:code`]}
                />
              )}
              <TextField
                label={t('centres.fields.name')}
                value={f.name}
                onChange={(name) => set(f.uid, { name })}
                required
                autoComplete="off"
                maxLength={LIMITS.fieldName}
                error={errors[`${f.uid}:name`]}
              />
              <TextField
                label={t('centres.fields.letter')}
                value={f.letter}
                onChange={(letter) => set(f.uid, { letter: letter.trim().toUpperCase() })}
                required
                autoComplete="off"
                spellCheck={false}
                maxLength={1}
                hint={t('centres.fields.letterHint', {
                  letter: LETTER_SHOWN.test(f.letter) ? f.letter : 'A',
                })}
                error={errors[`${f.uid}:letter`]}
              />
              <TextField
                label={t('centres.fields.slotMinutes')}
                type="number"
                value={f.slotMinutes}
                onChange={(slotMinutes) => set(f.uid, { slotMinutes })}
                required
                min={LIMITS.slotMinutes[0]}
                max={LIMITS.slotMinutes[1]}
                hint={t('centres.fields.slotMinutesHint')}
                error={errors[`${f.uid}:slotMinutes`]}
              />
              <SelectField
                label={t('centres.fields.capacityMode')}
                value={f.capacityMode}
                onChange={(mode) => set(f.uid, { capacityMode: mode === 'fixed' ? 'fixed' : 'counters' })}
                options={[
                  { value: 'counters', label: t('centres.fields.byCounters') },
                  { value: 'fixed', label: t('centres.fields.fixed') },
                ]}
                hint={
                  f.capacityMode === 'counters'
                    ? serving === 0 && f.active
                      ? t('centres.fields.noCounterWarning')
                      : t('centres.fields.byCountersHint', { count: serving })
                    : undefined
                }
              />
              {f.capacityMode === 'fixed' ? (
                <TextField
                  label={t('centres.fields.capacity')}
                  type="number"
                  value={f.capacity}
                  onChange={(capacity) => set(f.uid, { capacity })}
                  required
                  min={LIMITS.capacity[0]}
                  max={LIMITS.capacity[1]}
                  error={errors[`${f.uid}:capacity`]}
                />
              ) : null}
              <TextField
                label={t('centres.fields.remoteDailyCap')}
                type="number"
                value={f.remoteDailyCap}
                onChange={(remoteDailyCap) => set(f.uid, { remoteDailyCap })}
                min={LIMITS.remoteDailyCap[0]}
                max={LIMITS.remoteDailyCap[1]}
                hint={t('centres.fields.remoteDailyCapHint')}
                error={errors[`${f.uid}:remoteDailyCap`]}
              />
            </div>
            <TextAreaField
              label={t('centres.fields.procedures')}
              value={f.procedures}
              onChange={(procedures) => set(f.uid, { procedures })}
              rows={3}
              maxLength={LIMITS.fieldProcedures}
              hint={t('centres.fields.proceduresHint', { max: LIMITS.fieldProcedures })}
              error={errors[`${f.uid}:procedures`]}
            />
            <CheckboxField
              label={t('centres.fields.active')}
              checked={f.active}
              onChange={(active) => set(f.uid, { active })}
              hint={f.active ? undefined : t('centres.fields.inactiveHint')}
            />
            <div className="row-actions centre-item-actions">
              <button
                type="button"
                className="button button-small button-danger-outline"
                onClick={() => remove(f)}
              >
                {t('centres.fields.remove')}
                <span className="sr-only"> {position}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <p>
        <button ref={addRef} type="button" className="button" disabled={full} onClick={add}>
          {t('centres.fields.add')}
        </button>
        {full ? <span className="hint"> {t('centres.fields.max', { max: LIMITS.fields })}</span> : null}
      </p>
    </>
  );
}

const LETTER_SHOWN = /^[A-Z]$/;
