import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LoadingScreen } from '../../shared/ui/LoadingScreen';
import { selectSessionStatus, selectSignOutReason, useSessionStore, type SignOutReason } from './sessionStore';

interface ReturnState {
  from?: string;
}

/** After these, whoever signs in next on this device is likely someone else: they start at their chats. */
const endsTheVisit = new Set<SignOutReason | null>(['userSignedOut', 'accountDeactivated']);

/**
 * Signed-out visitors go to /login, which brings them back here after signing in; except after signing out on
 * purpose or a deactivation.
 */
export function RequireSession() {
  const status = useSessionStore(selectSessionStatus);
  const signOutReason = useSessionStore(selectSignOutReason);
  const location = useLocation();
  if (status === 'restoring') return <LoadingScreen />;
  if (status === 'signedOut') {
    const state: ReturnState | undefined = endsTheVisit.has(signOutReason)
      ? undefined
      : { from: `${location.pathname}${location.search}` };
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
