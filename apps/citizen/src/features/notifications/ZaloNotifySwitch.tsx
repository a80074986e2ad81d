import type { ZaloNotifyPreference } from '@dltt/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useRequest } from '../../app/useRequest.ts';
import { errorText } from '../../components/RequestStatus.tsx';
import { ZaloPhoneButton } from '../../components/ZaloPhoneButton.tsx';
import { platform } from '../../platform/index.ts';
import { fetchZaloNotify, saveZaloNotify } from './notifications.api.ts';

type Problem = { kind: 'denied' } | { kind: 'error'; error: ApiError };

/**
 * "Nhận thông báo qua Zalo" (Zalo build only): turning it on asks Zalo's consent first, then tells the server;
 * turning it off only tells the server. What the choice means today is said below it: the province may not send
 * through Zalo yet, and ZNS messages need the verified phone number, which can be given right here.
 */
export function ZaloNotifySwitch() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => fetchZaloNotify(signal), []);
  const { state } = useRequest(load);
  const [saved, setSaved] = useState<ZaloNotifyPreference | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const pref = saved ?? (state.status === 'success' ? state.data : null);

  // Without the current state there is nothing honest to show (the notifications below still work).
  if (!pref) return null;

  const change = async (enabled: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (!enabled) {
        setSaved(await saveZaloNotify(false));
        return;
      }
      const consent = await platform.requestNotificationConsent();
      if (!consent.granted) {
        setProblem({ kind: 'denied' });
        return;
      }
      setSaved(await saveZaloNotify(true, consent.oaUserId ?? undefined));
    } catch (e) {
      setProblem({
        kind: 'error',
        error: e instanceof ApiError ? e : new ApiError('BAD_RESPONSE', String(e)),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="zalo-panel" aria-label={t('zalo.notify.label')}>
      <label className="zalo-switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={pref.enabled}
          checked={pref.enabled}
          disabled={busy}
          aria-describedby="zalo-notify-hint"
          onChange={(e) => void change(e.target.checked)}
        />
        <span>{t('zalo.notify.label')}</span>
      </label>
      <p id="zalo-notify-hint" className="hint">
        {pref.enabled && pref.channel === 'off' ? t('zalo.notify.channelOff') : t('zalo.notify.hint')}
      </p>
      {pref.enabled && pref.channel === 'oa' && !pref.oaLinked && <p>{t('zalo.notify.needFollow')}</p>}
      {pref.enabled && pref.channel === 'zns' && !pref.phoneKnown && (
        <>
          <p>{t('zalo.notify.needPhone')}</p>
          <ZaloPhoneButton
            onPhone={() => {
              fetchZaloNotify().then(setSaved, () => undefined);
            }}
          />
        </>
      )}
      {problem && (
        <p role="alert">
          {problem.kind === 'denied' ? t('zalo.notify.denied') : errorText(problem.error, t)}
        </p>
      )}
    </section>
  );
}
