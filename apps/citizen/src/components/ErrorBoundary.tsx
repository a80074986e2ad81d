import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';
import { Icon } from './Icon.tsx';

/** Last line of defence: a render error shows a message and a reload button, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <main className="notice crash">
            <span className="notice-icon">
              <Icon name="alert" size={56} />
            </span>
            <h1>{t('errors.crashTitle')}</h1>
            <p>{t('errors.crashBody')}</p>
            <button type="button" className="button-link" onClick={() => window.location.reload()}>
              <Icon name="retry" />
              <span>{t('errors.reload')}</span>
            </button>
          </main>
        )}
      </Translation>
    );
  }
}
