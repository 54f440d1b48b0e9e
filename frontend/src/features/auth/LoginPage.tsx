import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Notice } from '../../shared/ui/Notice';
import { TextField } from '../../shared/ui/TextField';
import { AuthCard } from './AuthCard';
import { login } from './authApi';
import { selectSignOutReason, useSessionStore, type SignOutReason } from './sessionStore';
import { formText, useAuthSubmit } from './useAuthSubmit';

const DEACTIVATED_EXPLANATION = 'This account has been deactivated; contact your admin.';

const explanations = { ACCOUNT_DEACTIVATED: DEACTIVATED_EXPLANATION };

/** Why a signed-in user landed here, when it was not their own doing. */
const signOutNotices: Partial<Record<SignOutReason, string>> = {
  sessionEnded: 'You were signed out.',
  accountDeactivated: `You were signed out. ${DEACTIVATED_EXPLANATION}`,
};

export function LoginPage() {
  const { error, submitting, handleSubmit } = useAuthSubmit(
    (form) => login({ username: formText(form, 'username').trim(), password: formText(form, 'password') }),
    explanations,
  );
  const signOutReason = useSessionStore(selectSignOutReason);

  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New here?{' '}
          <Link to="/register" className="font-medium text-fg-accent hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <Notice message={(signOutReason && signOutNotices[signOutReason]) ?? null} className="mb-4" />
      <form onSubmit={handleSubmit} className="flex flex-col gap-4">
        <TextField label="Username" name="username" autoComplete="username" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <ErrorAlert message={error} />
        <Button type="submit" disabled={submitting}>
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
