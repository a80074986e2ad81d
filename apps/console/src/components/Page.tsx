import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface PageProps {
  title: string;
  /** Buttons shown beside the heading (e.g. "Thêm cán bộ"). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** A screen: its one <h1>, the document title, and the content. */
export function Page({ title, actions, children }: PageProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} data-page-heading="">
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}
