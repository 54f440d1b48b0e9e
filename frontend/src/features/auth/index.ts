export { LoginPage } from './LoginPage';
export { RegisterPage } from './RegisterPage';
export { ResetPasswordPage } from './ResetPasswordPage';
export { MISMATCH_MESSAGE, NewPasswordFields, newPasswordOf } from './NewPasswordFields';
export { RequireNoSession, RequireSession } from './RouteGuards';
export { getAccessToken, refreshAccessToken, refreshAccessTokenPersistently, restoreSession, signOut } from './session';
export { selectCurrentUser, selectIsAdmin, useSessionStore } from './sessionStore';
export { formText } from './useAuthSubmit';
