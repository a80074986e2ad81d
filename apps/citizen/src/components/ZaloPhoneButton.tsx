import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { platform } from '../platform/index.ts';
import { Icon } from './Icon.tsx';

/**
 * "Dùng số điện thoại Zalo" (Zalo build only): asks Zalo's consent, and the server stores the number Zalo
 * verified. A refusal, or Zalo not answering, leaves manual entry as it was and says so.
 */
export function ZaloPhoneButton({ onPhone }: { onPhone: (phone: string) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const ask = async () => {
    setBusy(true);
    setMessage(null);
    const result = await platform.getPhone();
    setBusy(false);
    if ('phone' in result) {
      setMessage(t('zalo.phone.filled', { phone: result.phone }));
      onPhone(result.phone);
    } else {
      setMessage(t(`zalo.phone.${result.refused}`));
    }
  };
  return (
    <>
      <Button
        variant="secondary"
        size="large"
        fullWidth
        disabled={busy}
        prefixIcon={<Icon name="phone" />}
        onClick={() => void ask()}
      >
        {busy ? t('app.loading') : t('zalo.phone.use')}
      </Button>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
    </>
  );
}
