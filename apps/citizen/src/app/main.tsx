import 'zmp-ui/zaui.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/index.ts';
import { App } from './App.tsx';

const container = document.getElementById('root');
if (container) {
  // Render even if the saved language cannot be read: Vietnamese is the default.
  initI18n()
    .catch((error: unknown) => console.error(error))
    .finally(() => {
      createRoot(container).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
}
