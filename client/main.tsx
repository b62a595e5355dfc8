/** Entry point: i18n, then the React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { logCaughtError } from './components/PageErrorBoundary.js';
import { initI18n } from './i18n/index.js';
import { installFocusRescue } from './lib/focusRescue.js';
import { installStaleChunkReload } from './lib/staleChunkReload.js';
import './styles.css';

initI18n();
installFocusRescue();
// Before anything is lazily imported: a tab left open across a redeploy reloads once for the new version.
installStaleChunkReload();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Errors the page boundaries catch are logged once here, with the component stack, instead of by React's default.
createRoot(root, { onCaughtError: logCaughtError }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
