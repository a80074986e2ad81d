import type { AttributeDatatype } from '@dltt/contracts';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_DATATYPES, isListDatatype } from '../../app/domain.ts';
import { CheckboxField, SelectField, TextField } from '../../components/Fields.tsx';
import {
  ATTRIBUTE_LIMITS,
  type AttributeDraft,
  type DraftErrors,
  newValue,
  type ValueDraft,
} from './attributes.ts';

function asDatatype(value: string): AttributeDatatype {
  return ATTRIBUTE_DATATYPES.find((d) => d === value) ?? 'string';
}

/** Focuses the first element matching `selector` inside `#scope` once React has rendered. */
export function focusIn(scope: string, selector: string): void {
  setTimeout(() => document.getElementById(scope)?.querySelector<HTMLElement>(selector)?.focus());
}

interface AttributeEditorProps {
  draft: AttributeDraft;
  index: number;
  count: number;
  errors: DraftErrors;
  onChange(draft: AttributeDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One attribute: its fields, its choices when it is a list, and buttons to move or remove it. */
export function AttributeEditor({
  draft,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: AttributeEditorProps) {
  const { t } = useTranslation();
  const position = t('attributes.legend', { n: index + 1 });
  const isList = isListDatatype(draft.datatype);
  const valuesErrorId = `${draft.uid}-values-error`;

  const set = (patch: Partial<AttributeDraft>) => onChange({ ...draft, ...patch });
  const setValue = (uid: string, patch: Partial<ValueDraft>) =>
    set({ values: draft.values.map((v) => (v.uid === uid ? { ...v, ...patch } : v)) });

  const changeDatatype = (datatype: AttributeDatatype) => {
    // A list needs at least one choice: start with an empty row rather than an error.
    const values = isListDatatype(datatype) && draft.values.length === 0 ? [newValue()] : draft.values;
    set({ datatype, values });
  };
  const addValue = () => {
    const value = newValue();
    set({ values: [...draft.values, value] });
    focusIn(value.uid, 'input');
  };
  const removeValue = (uid: string) => {
    set({ values: draft.values.filter((v) => v.uid !== uid) });
    focusIn(draft.uid, '[data-add-value]');
  };

  return (
    <fieldset className="attribute" id={draft.uid} data-testid="attribute">
      <legend>
        {position}
        {draft.code.trim() ? <code className="attribute-code">{draft.code.trim()}</code> : null}
      </legend>
      <div className="attribute-grid">
        <TextField
          label={t('attributes.code')}
          value={draft.code}
          onChange={(code) => set({ code })}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          hint={t('attributes.codeHint')}
          error={errors[`${draft.uid}:code`]}
        />
        <SelectField
          label={t('attributes.datatype')}
          value={draft.datatype}
          onChange={(v) => changeDatatype(asDatatype(v))}
          options={ATTRIBUTE_DATATYPES.map((d) => ({ value: d, label: t(`attributes.datatypes.${d}`) }))}
          required
        />
      </div>
      <TextField
        label={t('attributes.description')}
        value={draft.description}
        onChange={(description) => set({ description })}
        required
        autoComplete="off"
        maxLength={ATTRIBUTE_LIMITS.description}
        hint={t('attributes.descriptionHint')}
        error={errors[`${draft.uid}:description`]}
      />
      <TextField
        label={t('attributes.datatypeDescription')}
        value={draft.datatypeDescription}
        onChange={(datatypeDescription) => set({ datatypeDescription })}
        autoComplete="off"
        maxLength={ATTRIBUTE_LIMITS.datatypeDescription}
        hint={t('attributes.datatypeDescriptionHint')}
        error={errors[`${draft.uid}:datatypeDescription`]}
      />
      <CheckboxField
        label={t('attributes.required')}
        checked={draft.required}
        onChange={(required) => set({ required })}
      />
      {isList ? (
        <fieldset className="attribute-values">
          <legend>{t('attributes.values')}</legend>
          {draft.values.map((v, i) => (
            <div key={v.uid} id={v.uid} className="value-row">
              <TextField
                label={t('attributes.valueKey', { n: i + 1 })}
                value={v.key}
                onChange={(key) => setValue(v.uid, { key })}
                required
                autoComplete="off"
                spellCheck={false}
                maxLength={ATTRIBUTE_LIMITS.valueKey}
                error={errors[`${v.uid}:key`]}
              />
              <TextField
                label={t('attributes.valueName', { n: i + 1 })}
                value={v.name}
                onChange={(name) => setValue(v.uid, { name })}
                required
                autoComplete="off"
                maxLength={ATTRIBUTE_LIMITS.valueName}
                error={errors[`${v.uid}:name`]}
              />
              <button
                type="button"
                className="button button-small button-danger-outline"
                onClick={() => removeValue(v.uid)}
              >
                {t('attributes.removeValue')}
                <span className="sr-only"> {t('attributes.valueNumber', { n: i + 1 })}</span>
              </button>
            </div>
          ))}
          {errors[`${draft.uid}:values`] ? (
            <p id={valuesErrorId} className="field-error">
              {errors[`${draft.uid}:values`]}
            </p>
          ) : null}
          <button
            type="button"
            className="button button-small"
            data-add-value=""
            data-invalid={errors[`${draft.uid}:values`] ? '' : undefined}
            aria-describedby={errors[`${draft.uid}:values`] ? valuesErrorId : undefined}
            disabled={draft.values.length >= ATTRIBUTE_LIMITS.values}
            onClick={addValue}
          >
            {t('attributes.addValue')}
          </button>
        </fieldset>
      ) : null}
      <div className="row-actions attribute-actions">
        <button
          type="button"
          className="button button-small"
          data-move="up"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          {t('attributes.moveUp')}
          <span className="sr-only"> {position}</span>
        </button>
        <button
          type="button"
          className="button button-small"
          data-move="down"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          {t('attributes.moveDown')}
          <span className="sr-only"> {position}</span>
        </button>
        <button type="button" className="button button-small button-danger-outline" onClick={onRemove}>
          {t('attributes.remove')}
          <span className="sr-only"> {position}</span>
        </button>
      </div>
    </fieldset>
  );
}
