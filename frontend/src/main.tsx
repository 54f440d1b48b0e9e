import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectApiToSession } from './app/sessionBridge';
import { restoreSession } from './features/auth';
import { applyStoredTheme } from './shared/theme/themeStore';
import './index.css';

applyStoredTheme();
connectApiToSession();
// Once, outside React: the route guards show a loading screen until it settles.
void restoreSession();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
