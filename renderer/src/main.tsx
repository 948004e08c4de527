// First: asks the first screen's calls before the rest of the renderer is evaluated.
import './api/start-early.ts';
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppError } from '../../shared/contract/errors.ts';
import { createClientApi } from './api/client.ts';
import { App } from './App.tsx';
import { createTranslate, localeFromLanguages } from './i18n/catalog.ts';
import './styles/tokens.css';
import './styles/app.css';

// The palette of the system until the saved settings arrive, so a dark desktop never flashes white.
document.documentElement.dataset.theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

const root = createRoot(document.getElementById('root') as HTMLElement);
try {
  const api = createClientApi(window);
  // Asked before React's first render, which the answer would otherwise wait for: who is signed
  // in decides everything the first screen reads.
  const firstSession = api.session.get({});
  root.render(
    <StrictMode>
      <App api={api} firstSession={firstSession} />
    </StrictMode>,
  );
} catch (err) {
  // No transport at all (e.g. the web host's link was opened without its token): say so plainly.
  const locale = localeFromLanguages(navigator.languages);
  const t = createTranslate(locale);
  document.documentElement.lang = locale;
  root.render(
    <main className="fatal" role="alert">
      <h1>{t('app.name')}</h1>
      <p>{t(`error.${err instanceof AppError ? err.code : 'INTERNAL'}`)}</p>
    </main>,
  );
}
