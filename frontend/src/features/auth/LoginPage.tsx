import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { AuthCard } from './AuthCard';
import { login } from './authApi';
import { formText, useAuthSubmit } from './useAuthSubmit';

export function LoginPage() {
  const { error, submitting, handleSubmit } = useAuthSubmit((form) =>
    login({ username: formText(form, 'username').trim(), password: formText(form, 'password') }),
  );

  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New here?{' '}
          <Link to="/register" className="font-medium text-blue-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
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
