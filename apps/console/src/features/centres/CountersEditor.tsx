import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../components/Fields.tsx';
import {
  type CounterDraft,
  type DraftErrors,
  type FieldDraft,
  LIMITS,
  newCounter,
  nextCounterNumber,
} from './centre-form.ts';
import { focusIn } from './SessionsEditor.tsx';

interface CountersEditorProps {
  counters: CounterDraft[];
  fields: readonly FieldDraft[];
  errors: DraftErrors;
  onChange(counters: CounterDraft[]): void;
}

/** "Quầy giao dịch": the desks that call tickets, each serving some of the centre's fields. */
export function CountersEditor({ counters, fields, errors, onChange }: CountersEditorProps) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const full = counters.length >= LIMITS.counters;

  const set = (uid: string, patch: Partial<CounterDraft>) =>
    onChange(counters.map((c) => (c.uid === uid ? { ...c, ...patch } : c)));
  const toggleField = (counter: CounterDraft, fieldUid: string, on: boolean) =>
    set(counter.uid, {
      fieldUids: on
        ? [...counter.fieldUids.filter((u) => u !== fieldUid), fieldUid]
        : counter.fieldUids.filter((u) => u !== fieldUid),
    });

  const add = () => {
    const counter = newCounter(nextCounterNumber(counters));
    onChange([...counters, counter]);
    focusIn(counter.uid, 'input');
  };
  const remove = (counter: CounterDraft) => {
    onChange(counters.filter((c) => c.uid !== counter.uid));
    setAnnouncement(t(counter.saved ? 'centres.counters.removedSaved' : 'centres.counters.removed'));
    setTimeout(() => addRef.current?.focus());
  };

  return (
    <>
      {errors.counters ? (
        <p className="field-error" role="alert">
          {errors.counters}
        </p>
      ) : null}
      {counters.length === 0 ? <p className="state state-empty">{t('centres.counters.empty')}</p> : null}
      {counters.map((c, index) => (
        <CounterItem
          key={c.uid}
          counter={c}
          position={
            /^\d{1,3}$/.test(c.number.trim())
              ? t('centres.counters.legend', { number: Number(c.number.trim()) })
              : t('centres.counters.legendNew', { n: index + 1 })
          }
          fields={fields}
          errors={errors}
          onChange={(patch) => set(c.uid, patch)}
          onToggleField={(fieldUid, on) => toggleField(c, fieldUid, on)}
          onRemove={() => remove(c)}
        />
      ))}
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <p>
        <button ref={addRef} type="button" className="button" disabled={full} onClick={add}>
          {t('centres.counters.add')}
        </button>
        {full ? <span className="hint"> {t('centres.counters.max', { max: LIMITS.counters })}</span> : null}
      </p>
    </>
  );
}

interface CounterItemProps {
  counter: CounterDraft;
  position: string;
  fields: readonly FieldDraft[];
  errors: DraftErrors;
  onChange(patch: Partial<CounterDraft>): void;
  onToggleField(fieldUid: string, on: boolean): void;
  onRemove(): void;
}

function CounterItem({
  counter: c,
  position,
  fields,
  errors,
  onChange,
  onToggleField,
  onRemove,
}: CounterItemProps) {
  const { t } = useTranslation();
  const servesId = useId();
  return (
    <fieldset id={c.uid} className="centre-item">
      <legend>{position}</legend>
      <div className="centre-grid">
        {c.saved ? (
          <p className="centre-fixed">
            <span className="centre-fixed-label">{t('centres.counters.number')}</span>
            <strong>{c.number}</strong>
          </p>
        ) : (
          <TextField
            label={t('centres.counters.number')}
            type="number"
            value={c.number}
            onChange={(number) => onChange({ number })}
            required
            min={LIMITS.counterNumber[0]}
            max={LIMITS.counterNumber[1]}
            hint={t('centres.counters.numberHint')}
            error={errors[`${c.uid}:number`]}
          />
        )}
        <TextField
          label={t('centres.counters.name')}
          value={c.name}
          onChange={(name) => onChange({ name })}
          autoComplete="off"
          maxLength={LIMITS.counterName}
          hint={t('centres.counters.nameHint')}
          error={errors[`${c.uid}:name`]}
        />
      </div>
      <CheckboxField
        label={t('centres.counters.active')}
        checked={c.active}
        onChange={(active) => onChange({ active })}
      />
      <fieldset className="centre-serves" aria-describedby={fields.length === 0 ? servesId : undefined}>
        <legend>{t('centres.counters.serves')}</legend>
        {fields.length === 0 ? (
          <p id={servesId} className="hint">
            {t('centres.counters.noFields')}
          </p>
        ) : (
          <div className="centre-serves-list">
            {fields.map((f, i) => (
              <CheckboxField
                key={f.uid}
                label={fieldLabel(f, t('centres.fields.legend', { n: i + 1 }))}
                checked={c.fieldUids.includes(f.uid)}
                onChange={(on) => onToggleField(f.uid, on)}
              />
            ))}
          </div>
        )}
      </fieldset>
      <div className="row-actions centre-item-actions">
        <button type="button" className="button button-small button-danger-outline" onClick={onRemove}>
          {t('centres.counters.remove')}
          <span className="sr-only"> {position}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** "A – Hộ tịch", or the field's position while it has no name yet. */
function fieldLabel(field: FieldDraft, position: string): string {
  const name = field.name.trim() || position;
  return /^[A-Z]$/.test(field.letter) ? `${field.letter} – ${name}` : name;
}
