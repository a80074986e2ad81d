import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'zmp-ui';
import { platform, type ShareOutcome } from '../platform/index.ts';
import { Icon } from './Icon.tsx';

/**
 * "Chia sẻ": the platform's share sheet (Zalo's in the mini app, the phone's on the web) with a link to `path`
 * that opens this app there (platform.linkTo). Where no sheet exists the link is copied, or shown to copy.
 */
export function ShareButton({ title, text, path }: { title: string; text?: string; path: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ShareOutcome | null>(null);
  const url = platform.linkTo(path);
  return (
    <>
      <Button
        variant="secondary"
        size="large"
        fullWidth
        prefixIcon={<Icon name="share" />}
        onClick={() => {
          setOutcome(null);
          void platform.share(text ? { title, text, url } : { title, url }).then(setOutcome);
        }}
      >
        {t('share.button')}
      </Button>
      {(outcome === 'copied' || outcome === 'failed') && (
        <p className="share-result" role="status">
          {t(`share.${outcome}`)} {outcome === 'failed' && <span className="share-link">{url}</span>}
        </p>
      )}
    </>
  );
}
