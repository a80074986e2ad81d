import type { StaffReport, StaffReportAction } from '@dltt/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { FormError } from '../../components/Fields.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { RejectDialog } from './RejectDialog.tsx';
import { ResolveDialog } from './ResolveDialog.tsx';
import { reportsApi } from './reports.api.ts';
import { sortedActions } from './reports.domain.ts';
import { AcceptDialog, AssignDialog, ReturnDialog } from './SimpleActionDialogs.tsx';
import { TransferDialog } from './TransferDialog.tsx';

/** Actions with a button of their own (notes and photos have their own places on the page). */
type ButtonAction = Exclude<StaffReportAction, 'note' | 'addPhoto'>;
function isButtonAction(action: StaffReportAction): action is ButtonAction {
  return action !== 'note' && action !== 'addPhoto';
}

interface ReportActionsProps {
  report: StaffReport;
  /** A newer report (after an action or a photo change) and the message to announce. */
  onChanged(report: StaffReport, message: string): void;
  /** The report changed under us (409): fetch it again so the buttons match its state. */
  onStale(): void;
}

/** One button per action the server says will work now; each opens its dialog (start needs none). */
export function ReportActions({ report, onChanged, onStale }: ReportActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ButtonAction | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const actions = sortedActions(report.actions).filter(isButtonAction);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) onStale();
  };

  const done = (updated: StaffReport, message: string) => {
    setOpen(null);
    setError(undefined);
    onChanged(updated, message);
  };

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      done(await reportsApi.start(report.code, {}), t('report.done.start'));
    } catch (e) {
      setError(errorMessage(e));
      fail(e);
    } finally {
      setStarting(false);
    }
  };

  if (actions.length === 0) return <p className="muted">{t('report.noActions')}</p>;

  // Dialogs show a failure themselves; a 409 also refreshes the report behind them.
  const dialogProps = {
    report,
    onDone: done,
    onCancel: () => setOpen(null),
    onFailed: fail,
  };

  return (
    <>
      <FormError message={error} />
      <div className="action-bar" data-testid="report-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={
              action === 'reject'
                ? 'button button-danger-outline'
                : action === actions[0]
                  ? 'button button-primary'
                  : 'button'
            }
            disabled={action === 'start' && starting}
            onClick={() => (action === 'start' ? void start() : setOpen(action))}
          >
            {t(`report.action.${action}`)}
          </button>
        ))}
      </div>
      {open === 'accept' ? <AcceptDialog {...dialogProps} /> : null}
      {open === 'resolve' ? (
        <ResolveDialog {...dialogProps} onReport={(updated, message) => onChanged(updated, message)} />
      ) : null}
      {open === 'reject' ? <RejectDialog {...dialogProps} /> : null}
      {open === 'transfer' ? <TransferDialog {...dialogProps} /> : null}
      {open === 'assign' ? <AssignDialog {...dialogProps} /> : null}
      {open === 'publish' ? <PublishDialog {...dialogProps} /> : null}
      {open === 'return' ? <ReturnDialog {...dialogProps} /> : null}
    </>
  );
}
