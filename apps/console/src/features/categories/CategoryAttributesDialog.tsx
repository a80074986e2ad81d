import type { Category, CategoryAttribute } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.tsx';
import { FormFrame } from '../../components/DialogForm.tsx';
import { useQuery } from '../../components/hooks.ts';
import { ErrorMessage, Loading } from '../../components/States.tsx';
import { useDialogForm } from '../../components/useDialogForm.ts';
import { AttributeEditor, focusIn } from './AttributeEditor.tsx';
import {
  ATTRIBUTE_LIMITS,
  type AttributeDraft,
  newAttribute,
  toBody,
  toDrafts,
  validateDrafts,
} from './attributes.ts';
import { categoriesApi } from './categories.api.ts';

interface CategoryAttributesDialogProps {
  category: Category;
  onSaved(attributes: CategoryAttribute[]): void;
  onCancel(): void;
}

/**
 * "Thuộc tính bổ sung": the extra questions asked when a report of this category is filed through Open311
 * (its service definition). The whole list is saved at once; its order is the order shown here.
 */
export function CategoryAttributesDialog({ category, onSaved, onCancel }: CategoryAttributesDialogProps) {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useQuery(
    useCallback((signal: AbortSignal) => categoriesApi.attributes(category.id, signal), [category.id]),
  );
  const name = i18n.language === 'en' ? category.nameEn : category.nameVi;

  return (
    <Dialog title={t('attributes.title', { name })} wide onClose={onCancel}>
      <p className="muted">{t('attributes.intro')}</p>
      {error ? (
        <>
          <ErrorMessage error={error} onRetry={reload} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : data ? (
        <AttributesForm category={category} initial={data} onSaved={onSaved} onCancel={onCancel} />
      ) : (
        <Loading />
      )}
    </Dialog>
  );
}

/** "2.values" -> "Thuộc tính 3 (values)": the server names attributes by their index in the body. */
function issueText(path: string, message: string, t: TFunction): string {
  const match = /^(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return path ? `${path}: ${message}` : message;
  const where = t('attributes.legend', { n: Number(match[1]) + 1 });
  return `${match[2] ? `${where} (${match[2]})` : where}: ${message}`;
}

interface AttributesFormProps {
  category: Category;
  initial: readonly CategoryAttribute[];
  onSaved(attributes: CategoryAttribute[]): void;
  onCancel(): void;
}

function AttributesForm({ category, initial, onSaved, onCancel }: AttributesFormProps) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const form = useDialogForm<AttributeDraft[], string>({
    initial: () => toDrafts(initial),
    validate: (list) => validateDrafts(list, t),
    describeIssue: (path, message) => issueText(path, message, t),
    save: async (list) => onSaved(await categoriesApi.setAttributes(category.id, toBody(list))),
  });
  const drafts = form.values;
  const [announcement, setAnnouncement] = useState('');
  const full = drafts.length >= ATTRIBUTE_LIMITS.attributes;

  const replace = (uid: string, next: AttributeDraft) =>
    form.update((list) => list.map((d) => (d.uid === uid ? next : d)));

  const add = () => {
    const draft = newAttribute();
    form.update((list) => [...list, draft]);
    focusIn(draft.uid, 'input');
  };

  const remove = (uid: string) => {
    form.update((list) => list.filter((d) => d.uid !== uid));
    setAnnouncement(t('attributes.removed'));
    setTimeout(() => addRef.current?.focus());
  };

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    const moving = drafts[index];
    if (!moving || target < 0 || target >= drafts.length) return;
    const list = [...drafts];
    list.splice(index, 1);
    list.splice(target, 0, moving);
    form.update(() => list);
    setAnnouncement(t('attributes.moved', { n: target + 1 }));
    // Moving the row in the DOM drops focus: keep it on the same button, or on the other one once the row
    // reaches the end where that button is disabled.
    const button = delta < 0 ? (target === 0 ? 'down' : 'up') : target === list.length - 1 ? 'up' : 'down';
    focusIn(moving.uid, `[data-move="${button}"]`);
  };

  return (
    <FormFrame
      form={form}
      submitLabel={t('attributes.save')}
      busyLabel={t('common.saving')}
      onCancel={onCancel}
    >
      {drafts.length === 0 ? <p className="state state-empty">{t('attributes.empty')}</p> : null}
      {drafts.map((d, index) => (
        <AttributeEditor
          key={d.uid}
          draft={d}
          index={index}
          count={drafts.length}
          errors={form.errors}
          onChange={(next) => replace(d.uid, next)}
          onMove={(delta) => move(index, delta)}
          onRemove={() => remove(d.uid)}
        />
      ))}
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <p>
        <button ref={addRef} type="button" className="button" disabled={full} onClick={add}>
          {t('attributes.add')}
        </button>
        {full ? (
          <span className="hint"> {t('attributes.max', { max: ATTRIBUTE_LIMITS.attributes })}</span>
        ) : null}
      </p>
    </FormFrame>
  );
}
