import './zalo.css';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import {
  onZaloSignInProblem,
  startZaloSignIn,
  zaloSignInProblem,
} from '../../lib/session/citizen-session.ts';

/**
 * Sign-in problems with their own words (the server's, and zmp-sdk giving no access token: refused, or the Zalo
 * app not answering); anything else (Zalo or the network down) reads as "not reachable".
 */
const KNOWN = [
  'ZALO_TOKEN_INVALID',
  'ZALO_NOT_CONFIGURED',
  'ZALO_SDK_DENIED',
  'ZALO_SDK_UNAVAILABLE',
] as const;
type Reason = (typeof KNOWN)[number] | 'other';
const reasonOf = (code: string): Reason => KNOWN.find((k) => k === code) ?? 'other';

/**
 * Zalo build only (mounted by app/App.tsx): signs in with Zalo when the app starts and, when that fails,
 * says so in plain words at the top of the page. The app goes on with the device identity meanwhile, so
 * nothing is blocked; "Thử lại" asks again, "Đóng" hides the notice until the next problem.
 */
export function ZaloSignInNotice() {
  const { t } = useTranslation();
  const problem = useSyncExternalStore(onZaloSignInProblem, zaloSignInProblem);
  const [hidden, setHidden] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void startZaloSignIn();
  }, []);

  if (!problem || hidden === problem) return null;
  const retry = () => {
    setBusy(true);
    void startZaloSignIn(true).finally(() => setBusy(false));
  };
  return (
    <section className="zalo-notice" role="alert" aria-labelledby="zalo-notice-title">
      <p id="zalo-notice-title" className="zalo-notice-title">
        {t('zalo.signIn.title')}
      </p>
      <p>
        {t(`zalo.signIn.reason.${reasonOf(problem)}`)} {t('zalo.signIn.fallback')}
      </p>
      <div className="zalo-notice-actions">
        <Button size="medium" disabled={busy} onClick={retry}>
          {busy ? t('app.loading') : t('zalo.signIn.retry')}
        </Button>
        <Button size="medium" variant="tertiary" onClick={() => setHidden(problem)}>
          {t('zalo.signIn.close')}
        </Button>
      </div>
    </section>
  );
}
