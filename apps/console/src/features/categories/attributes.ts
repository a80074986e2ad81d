import type { AttributeDatatype, CategoryAttribute, CategoryAttributesBody } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { isListDatatype } from '../../app/domain.ts';

/*
 * The editor's working copy of a category's attributes, and the checks the contract's CategoryAttribute and
 * CategoryAttributesBody make, so mistakes show beside the field before the server refuses the list.
 */

export const ATTRIBUTE_LIMITS = {
  attributes: 50,
  values: 100,
  description: 500,
  datatypeDescription: 500,
  valueKey: 100,
  valueName: 200,
} as const;

const ATTRIBUTE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface ValueDraft {
  uid: string;
  key: string;
  name: string;
}

export interface AttributeDraft {
  uid: string;
  code: string;
  datatype: AttributeDatatype;
  description: string;
  datatypeDescription: string;
  required: boolean;
  /** Kept while the datatype is not a list, so switching back and forth loses nothing; sent only for lists. */
  values: ValueDraft[];
}

/** Field errors keyed by `${uid}:${field}` (an attribute's or a value's uid). */
export type DraftErrors = Partial<Record<string, string>>;

let counter = 0;
/** A stable React key and DOM id for a row that has none of its own yet. */
export function newUid(prefix: 'attr' | 'value'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function newValue(): ValueDraft {
  return { uid: newUid('value'), key: '', name: '' };
}

export function newAttribute(): AttributeDraft {
  return {
    uid: newUid('attr'),
    code: '',
    datatype: 'string',
    description: '',
    datatypeDescription: '',
    required: false,
    values: [],
  };
}

/** The stored list in its display order. */
export function toDrafts(list: readonly CategoryAttribute[]): AttributeDraft[] {
  return [...list]
    .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
    .map((a) => ({
      uid: newUid('attr'),
      code: a.code,
      datatype: a.datatype,
      description: a.description,
      datatypeDescription: a.datatypeDescription ?? '',
      required: a.required,
      values: a.values.map((v) => ({ uid: newUid('value'), key: v.key, name: v.name })),
    }));
}

/** The request body: the position in the list becomes `order` (1, 2, 3…). */
export function toBody(drafts: readonly AttributeDraft[]): CategoryAttributesBody {
  return drafts.map((d, index) => ({
    code: d.code.trim(),
    datatype: d.datatype,
    description: d.description.trim(),
    datatypeDescription: d.datatypeDescription.trim() || null,
    required: d.required,
    order: index + 1,
    values: isListDatatype(d.datatype)
      ? d.values.map((v) => ({ key: v.key.trim(), name: v.name.trim() }))
      : [],
  }));
}

function checkText(value: string, max: number, required: boolean, t: TFunction): string | undefined {
  const text = value.trim();
  if (required && !text) return t('validation.required');
  if (text.length > max) return t('validation.maxLength', { max });
  return undefined;
}

/** Every problem in the list; empty when the server should accept it. */
export function validateDrafts(drafts: readonly AttributeDraft[], t: TFunction): DraftErrors {
  const errors: DraftErrors = {};
  const put = (key: string, message: string | undefined) => {
    if (message) errors[key] = message;
  };
  const codes = new Map<string, number>();
  for (const d of drafts) codes.set(d.code.trim(), (codes.get(d.code.trim()) ?? 0) + 1);

  for (const d of drafts) {
    const code = d.code.trim();
    if (!ATTRIBUTE_CODE.test(code)) put(`${d.uid}:code`, t('attributes.errors.code'));
    else if ((codes.get(code) ?? 0) > 1) put(`${d.uid}:code`, t('attributes.errors.codeTaken'));
    put(`${d.uid}:description`, checkText(d.description, ATTRIBUTE_LIMITS.description, true, t));
    put(
      `${d.uid}:datatypeDescription`,
      checkText(d.datatypeDescription, ATTRIBUTE_LIMITS.datatypeDescription, false, t),
    );
    if (!isListDatatype(d.datatype)) continue;
    if (d.values.length === 0) put(`${d.uid}:values`, t('attributes.errors.valuesRequired'));
    if (d.values.length > ATTRIBUTE_LIMITS.values)
      put(`${d.uid}:values`, t('attributes.errors.valuesMax', { max: ATTRIBUTE_LIMITS.values }));
    const keys = new Map<string, number>();
    for (const v of d.values) keys.set(v.key.trim(), (keys.get(v.key.trim()) ?? 0) + 1);
    for (const v of d.values) {
      const keyError = checkText(v.key, ATTRIBUTE_LIMITS.valueKey, true, t);
      put(
        `${v.uid}:key`,
        keyError ?? ((keys.get(v.key.trim()) ?? 0) > 1 ? t('attributes.errors.keyTaken') : undefined),
      );
      put(`${v.uid}:name`, checkText(v.name, ATTRIBUTE_LIMITS.valueName, true, t));
    }
  }
  return errors;
}
