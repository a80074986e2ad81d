import type { PlanningDataset, PlanningImport, PlanningImportIssue } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PLANNING_PARCEL_FIELDS } from '../../app/domain.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { Notice } from '../../components/States.tsx';
import { planningApi } from './planning.api.ts';
import { isWarning } from './planning.domain.ts';

/** Issues listed on the page; the report keeps up to 500 and counts them all. */
const SHOWN_ISSUES = 100;

interface ImportReportStepProps {
  dataset: PlanningDataset;
  item: PlanningImport;
  onChanged(item: PlanningImport): void;
}

function IssuesTable({ issues }: { issues: readonly PlanningImportIssue[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="planning-issues">
        <caption className="sr-only">{t('planningImport.issuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planningImport.record')}</th>
            <th scope="col">{t('planningImport.level')}</th>
            <th scope="col">{t('planningImport.issue')}</th>
            <th scope="col">{t('planningImport.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one record may have several issues of a kind
            <tr key={index}>
              <td className="cell-number">
                {issue.feature === null ? t('planningImport.wholeFile') : formatNumber(issue.feature)}
              </td>
              <td>
                {isWarning(issue.kind) ? (
                  <span className="badge badge-warn">{t('planningImport.warningLevel')}</span>
                ) : (
                  <span className="badge badge-danger">{t('planningImport.errorLevel')}</span>
                )}
              </td>
              <td>{t(`planningImport.issueKinds.${issue.kind}`)}</td>
              <IssueDetail issue={issue} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** jsts's names of what makes a geometry invalid (IsValidOp), as the server passes them on. */
const GEOMETRY_PROBLEMS: Record<string, GeometryProblem> = {
  'Self-intersection': 'selfIntersection',
  'Ring Self-intersection': 'ringSelfIntersection',
  'Hole lies outside shell': 'holeOutsideShell',
  'Holes are nested': 'nestedHoles',
  'Interior is disconnected': 'disconnectedInterior',
  'Nested shells': 'nestedShells',
  'Duplicate Rings': 'duplicateRings',
  'Too few distinct points in geometry component': 'tooFewPoints',
  'Invalid Coordinate': 'invalidCoordinate',
  'Ring is not closed': 'ringNotClosed',
  'coordinates are not numbers': 'invalidCoordinate',
};
type GeometryProblem =
  | 'selfIntersection'
  | 'ringSelfIntersection'
  | 'holeOutsideShell'
  | 'nestedHoles'
  | 'disconnectedInterior'
  | 'nestedShells'
  | 'duplicateRings'
  | 'tooFewPoints'
  | 'invalidCoordinate'
  | 'ringNotClosed';

/**
 * What the server says about an issue, in the officer's words where it is one of ours (a field, a geometry
 * problem); otherwise the reader's own words, marked as English (a file's technical fault).
 */
function IssueDetail({ issue }: { issue: PlanningImportIssue }) {
  const { t } = useTranslation();
  const detail = issue.detail;
  if (detail === null) return <td />;
  const fieldName = (field: string) =>
    issue.kind === 'missing_parcel_key' || PLANNING_PARCEL_FIELDS.includes(field as 'sheet')
      ? t(`planningImport.parcelFields.${field as 'sheet'}`, { defaultValue: field })
      : t(`planningImport.zoneFields.${field as 'code'}`, { defaultValue: field });
  if (issue.kind === 'missing_parcel_key') return <td>{detail.split(', ').map(fieldName).join(', ')}</td>;
  if (issue.kind === 'bad_number') {
    const [field = '', ...value] = detail.split(': ');
    return (
      <td>
        {fieldName(field)}: {value.join(': ')}
      </td>
    );
  }
  if (issue.kind === 'invalid_geometry' || issue.kind === 'repaired_geometry') {
    const known = GEOMETRY_PROBLEMS[detail.replace(/ at or near point.*$/, '')];
    if (known) return <td>{t(`planningImport.geometryProblems.${known}`)}</td>;
  }
  if (issue.kind === 'unknown_code' || issue.kind === 'not_polygon') return <td>{detail}</td>;
  return <td lang="en">{detail}</td>;
}

/** Step 5: the validation report; "Công bố" when nothing blocks it; failed and cancelled imports explained. */
export function ImportReportStep({ dataset, item, onChanged }: ImportReportStepProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  // A cancelled import's counts stop wherever the job was: not a report of the file, so not shown.
  const report = item.status === 'cancelled' ? null : item.report;
  const publishable = item.status === 'validated' && report !== null && report.errors === 0;
  const isLive = dataset.liveImportId === item.id;

  return (
    <>
      <Notice text={notice} />
      {item.status === 'validated' ? (
        <p className="warning-box">
          {publishable ? t('planningImport.validatedNote') : t('planningImport.publishBlocked')}
        </p>
      ) : null}
      {item.status === 'published' && item.publishedAt ? (
        <p className="notice" data-testid="planning-published">
          {isLive
            ? t('planningImport.published', { at: formatDateTime(item.publishedAt) })
            : t('planningImport.publishedOld', { at: formatDateTime(item.publishedAt) })}
        </p>
      ) : null}
      {item.status === 'failed' ? <p className="state state-error">{t('planningImport.failed')}</p> : null}
      {item.status === 'cancelled' ? <p className="warning-box">{t('planningImport.cancelled')}</p> : null}
      {report ? (
        <>
          <dl className="report-totals" data-testid="planning-report">
            <div>
              <dt>{t('planningImport.total')}</dt>
              <dd>{formatNumber(report.total)}</dd>
            </div>
            <div>
              <dt>{t('planningImport.accepted')}</dt>
              <dd>{formatNumber(report.accepted)}</dd>
            </div>
            <div className={report.errors > 0 ? 'total-error' : undefined}>
              <dt>{t('planningImport.errors')}</dt>
              <dd>{formatNumber(report.errors)}</dd>
            </div>
            <div className={report.warnings > 0 ? 'total-warn' : undefined}>
              <dt>{t('planningImport.warnings')}</dt>
              <dd>{formatNumber(report.warnings)}</dd>
            </div>
            <div>
              <dt>{t('planningImport.repaired')}</dt>
              <dd>{formatNumber(report.repaired)}</dd>
            </div>
            <div>
              <dt>{t('planningImport.outsideProvince')}</dt>
              <dd>{formatNumber(report.outsideProvince)}</dd>
            </div>
          </dl>
          {report.unknownCodes.length > 0 ? (
            <>
              <h3>{t('planningImport.unknownCodesHeading')}</h3>
              <p className="hint">{t('planningImport.unknownCodesHint')}</p>
              <div className="table-wrap">
                <table className="table" data-testid="planning-unknown-codes">
                  <caption className="sr-only">{t('planningImport.unknownCodesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('planningImport.code')}</th>
                      <th scope="col" className="cell-number">
                        {t('planningImport.count')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.unknownCodes.map((u) => (
                      <tr key={u.code}>
                        <td>
                          <code>{u.code}</code>
                        </td>
                        <td className="cell-number">{formatNumber(u.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {report.issues.length > 0 ? (
            <>
              <h3>{t('planningImport.issuesHeading')}</h3>
              <p className="hint">
                {t('planningImport.issuesShown', {
                  shown: formatNumber(Math.min(SHOWN_ISSUES, report.issues.length)),
                  total: formatNumber(report.errors + report.warnings),
                })}
              </p>
              <IssuesTable issues={report.issues.slice(0, SHOWN_ISSUES)} />
            </>
          ) : null}
        </>
      ) : null}
      <div className="wizard-actions">
        {publishable ? (
          <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
            {t('planningImport.publish')}
          </button>
        ) : null}
        {item.status === 'failed' ||
        item.status === 'cancelled' ||
        (item.status === 'validated' && !publishable) ? (
          <Link to={`/planning/${dataset.id}/import`} className="button button-primary">
            {t('planningImport.startAgain')}
          </Link>
        ) : null}
        <Link to={`/planning/${dataset.id}`} className="button">
          {t('planningImport.backToDataset')}
        </Link>
      </div>
      {confirming && report ? (
        <ConfirmDialog
          title={t('planningImport.publishTitle')}
          confirmLabel={t('planningImport.publish')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const published = await planningApi.publish(item.id);
            setConfirming(false);
            setNotice(t('planningImport.publishedDone'));
            onChanged(published);
          }}
        >
          <p>{t('planningImport.publishBody', { count: report.accepted, name: dataset.name })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
