import type { ReactNode } from 'react';
import { Page } from 'zmp-ui';
import { BackButton } from './BackButton.tsx';
import { useDocumentTitle } from './useDocumentTitle.ts';

/**
 * Frame of every page below home: a header with the back button and the page's only <h1>, then the content.
 * The h1 takes focus after each navigation (see App.tsx), so screen readers announce the new page.
 */
export function PageLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Page className="page">
      <header className="page-header">
        <BackButton />
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
      </header>
      <main className="page-body">{children}</main>
    </Page>
  );
}
