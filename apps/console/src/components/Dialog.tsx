import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/api.ts';
import { FormError } from './Fields.tsx';

interface DialogProps {
  title: string;
  /** A wider dialog, for editors with several columns. */
  wide?: boolean;
  /** Escape, or the parent's cancel button; the parent unmounts the dialog. */
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element (implicit role "dialog"): showModal() makes the rest
 * of the page inert and traps focus; focus goes back to the opener when it closes. The element to
 * focus first may be marked with data-autofocus.
 */
export function Dialog({ title, wide, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-modal="true"
      onCancel={(event) => {
        // React would otherwise pass a nested dialog's Escape on to the dialog around it.
        event.stopPropagation();
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** Runs the action; a rejection is shown inside the dialog, which then stays open. */
  onConfirm(): Promise<void>;
  onCancel(): void;
  /** Button texts when "Xác nhận" / "Hủy" would not say what happens ("Vẫn lưu" / "Quay lại sửa"). */
  confirmLabel?: string;
  cancelLabel?: string;
}

/** Asks before a consequential action: buttons "Xác nhận" and "Hủy" (Hủy has the focus). */
export function ConfirmDialog({
  title,
  children,
  onConfirm,
  onCancel,
  confirmLabel,
  cancelLabel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="dialog-body">{children}</div>
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-danger" disabled={busy} onClick={confirm}>
          {confirmLabel ?? t('common.confirm')}
        </button>
        <button type="button" className="button" data-autofocus="" onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
