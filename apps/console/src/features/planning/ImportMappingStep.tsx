import type { PlanningImportPreview } from '@dltt/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldsOf, isRequiredField, type MappingLayer } from './planning.domain.ts';

interface ImportMappingStepProps {
  layer: MappingLayer;
  columns: readonly string[];
  value: Record<string, string>;
  onChange(value: Record<string, string>): void;
  /** The first decoded record, to show what each chosen column holds. */
  firstRow: PlanningImportPreview['rows'][number] | undefined;
  /** Required fields left without a column after "Kiểm tra dữ liệu" was pressed. */
  missing: readonly string[];
}

/** Step 3: for each of our fields, the file's column it is read from. */
export function ImportMappingStep({
  layer,
  columns,
  value,
  onChange,
  firstRow,
  missing,
}: ImportMappingStepProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const label = (field: string) =>
    layer === 'parcel'
      ? t(`planningImport.parcelFields.${field as 'sheet'}`)
      : t(`planningImport.zoneFields.${field as 'code'}`);

  return (
    <>
      <p>{t('planningImport.mappingIntro')}</p>
      <div className="table-wrap">
        <table className="table mapping-table" data-testid="planning-mapping">
          <caption className="sr-only">{t('planningImport.mappingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('planningImport.field')}</th>
              <th scope="col">{t('planningImport.sourceColumn')}</th>
              <th scope="col">{t('planningImport.example')}</th>
            </tr>
          </thead>
          <tbody>
            {fieldsOf(layer).map((field) => {
              const id = `${baseId}-${field}`;
              const required = isRequiredField(layer, field);
              const invalid = missing.includes(field);
              const column = value[field] ?? '';
              const example = column && firstRow ? firstRow[column] : undefined;
              return (
                <tr key={field}>
                  <th scope="row">
                    <label htmlFor={id}>{label(field)}</label>
                    {required ? (
                      <span className="required" title={t('common.required')} aria-hidden="true">
                        {' '}
                        *
                      </span>
                    ) : null}
                  </th>
                  <td className={invalid ? 'field-invalid' : undefined}>
                    <select
                      id={id}
                      value={column}
                      required={required}
                      aria-invalid={invalid || undefined}
                      aria-describedby={invalid ? `${id}-error` : undefined}
                      onChange={(e) => onChange({ ...value, [field]: e.target.value })}
                    >
                      <option value="">{t('planningImport.noColumn')}</option>
                      {columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                    {invalid ? (
                      <p id={`${id}-error`} className="field-error">
                        {t('validation.chooseOne')}
                      </p>
                    ) : null}
                  </td>
                  <td>{example === undefined || example === null ? '' : String(example)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
