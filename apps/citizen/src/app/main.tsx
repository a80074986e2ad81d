// Only the styles of the zmp-ui components the app uses (zaui.css, all of them, is 15 kB gzipped); the
// base rules zaui.css would bring are in app.css. The Zalo adapter adds the router's styles.
import 'zmp-ui/button/styles/button.css';
import 'zmp-ui/page/styles/page.css';
import 'zmp-ui/spinner/styles/spinner.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/index.ts';
import { keepAppOnDevice, RUNTIME, setCitizenPost } from '../platform/index.ts';
import { App } from './App.tsx';
import { setUpOutbox } from './outbox.ts';

// #root in our index.html; Zalo's own page for the mini app (built from www/app-config.json) offers #app.
const container = document.getElementById('root') ?? document.getElementById('app');
if (container) {
  keepAppOnDevice();
  // The Zalo adapter trades phone and location tokens as the signed-in citizen; the session module (which uses
  // the adapter) is fetched the first time that happens.
  if (RUNTIME === 'zalo') {
    setCitizenPost(async (path, body) =>
      (await import('../lib/session/citizen-session.ts')).citizenPost(path, body),
    );
  }
  // Render even if the saved language cannot be read: Vietnamese is the default.
  initI18n()
    .catch((error: unknown) => console.error(error))
    .finally(() => {
      createRoot(container).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
      // What was sent without network goes out now if the phone is online (after the first render).
      setUpOutbox();
    });
}
