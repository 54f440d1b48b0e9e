import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { AuthCard } from './AuthCard';
import { login } from './authApi';
import { selectSignOutReason, useSessionStore } from './sessionStore';
import { formText, useAuthSubmit } from './useAuthSubmit';

export function LoginPage() {
  const { error, submitting, handleSubmit } = useAuthSubmit((form) =>
    login({ username: formText(form, 'username').trim(), password: formText(form, 'password') }),
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
      {signOutReason === 'sessionEnded' && (
        <p role="status" className="mb-4 rounded-md bg-surface-warning px-3 py-2 text-sm text-fg-warning">
          You were signed out.
        </p>
      )}
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
