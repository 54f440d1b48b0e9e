import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LoadingScreen } from '../../shared/ui/LoadingScreen';
import { selectSessionStatus, selectSignOutReason, useSessionStore } from './sessionStore';

interface ReturnState {
  from?: string;
}

/**
 * Signed-out visitors go to /login, which brings them back here after signing in; except after signing out on
 * purpose, when whoever signs in next starts at their chats.
 */
export function RequireSession() {
  const status = useSessionStore(selectSessionStatus);
  const signOutReason = useSessionStore(selectSignOutReason);
  const location = useLocation();
  if (status === 'restoring') return <LoadingScreen />;
  if (status === 'signedOut') {
    const state: ReturnState | undefined =
      signOutReason === 'userSignedOut' ? undefined : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** /login and /register: a signed-in user goes on to where they were heading, or the chats. */
export function RequireNoSession() {
  const status = useSessionStore(selectSessionStatus);
  const location = useLocation();
  if (status === 'restoring') return <LoadingScreen />;
  if (status === 'signedIn') {
    const { from } = (location.state ?? {}) as ReturnState;
    return <Navigate to={from ?? '/chats'} replace />;
  }
  return <Outlet />;
}
