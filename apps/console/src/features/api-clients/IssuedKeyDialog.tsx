import type { IssuedApiClient } from '@dltt/contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.tsx';
import { open311Base } from './open311.ts';

interface IssuedKeyDialogProps {
  client: IssuedApiClient;
  onClose(): void;
}

/**
 * The one time a key is seen: the server stores only its hash. The key sits in a read-only field so it can
 * also be selected by hand when the clipboard is not available (plain http, a browser that refuses).
 */
export function IssuedKeyDialog({ client, onClose }: IssuedKeyDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(client.apiKey);
      setCopied('copied');
    } catch {
      inputRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <Dialog title={t('apiClients.issuedTitle', { name: client.name })} onClose={onClose}>
      <div className="dialog-body">
        <p className="warning-box">
          <strong>{t('apiClients.onceWarning')}</strong> {t('apiClients.onceAdvice')}
        </p>
        <div className="field">
          <label htmlFor={id}>{t('apiClients.keyLabel')}</label>
          <input
            ref={inputRef}
            id={id}
            className="secret"
            readOnly
            value={client.apiKey}
            spellCheck={false}
            autoComplete="off"
            data-testid="issued-api-key"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        {/* Always rendered, so the outcome of a copy is announced. */}
        <p className={copied === 'copied' ? 'copy-status copy-status-ok' : 'copy-status'} role="status">
          {copied === 'copied'
            ? t('apiClients.copied')
            : copied === 'failed'
              ? t('apiClients.copyFailed')
              : ''}
        </p>
        <p className="hint">{t('apiClients.usage', { base: open311Base() })}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" data-autofocus="" onClick={() => void copy()}>
          {t('apiClients.copy')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('apiClients.closeIssued')}
        </button>
      </div>
    </Dialog>
  );
}
