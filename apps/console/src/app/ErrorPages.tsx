import type { Permission } from '@dltt/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page.tsx';
import { useSession } from './auth.tsx';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('forbidden.title')}>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('forbidden.back')}</Link>
      </p>
    </Page>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </Page>
  );
}

/** Renders its children only for roles that carry `permission`; others get the "no access" page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <ForbiddenPage />;
}
