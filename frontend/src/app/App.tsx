import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { preloadSignedInPages, routes } from './routes';

const router = createBrowserRouter(routes);

// Anywhere but the sign-in and password-reset pages the visitor is most likely signed in: fetch the app's code while the session is
// being restored rather than after. A failed fetch is tried again when the page renders, and shows there.
if (!['/login', '/register', '/reset-password'].includes(router.state.location.pathname)) {
  preloadSignedInPages().catch(() => undefined);
}

export function App() {
  return <RouterProvider router={router} />;
}
