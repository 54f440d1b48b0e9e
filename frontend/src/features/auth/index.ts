export { LoginPage } from './LoginPage';
export { RegisterPage } from './RegisterPage';
export { RequireNoSession, RequireSession } from './RouteGuards';
export { getAccessToken, refreshAccessToken, refreshAccessTokenPersistently, restoreSession, signOut } from './session';
export { selectCurrentUser, selectIsAdmin, useSessionStore } from './sessionStore';
