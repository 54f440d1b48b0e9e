import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { preloadSignedInPages, routes } from '../app/routes';
import { connectApiToSession } from '../app/sessionBridge';
import { useSessionStore } from '../features/auth';
import type { User } from '@messenger/contract';

// Loaded before any test renders, so the app shows on the first render as it did before the routes were split.
await preloadSignedInPages();

/** The whole app at `path`, signed in as `user`; returns the router to check where it went. */
export function renderAppAs(user: User, path: string) {
  connectApiToSession();
  useSessionStore.getState().signedIn(user, 'token-1');
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}
