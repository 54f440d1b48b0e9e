import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { AuthCard } from './AuthCard';
import { register } from './authApi';
import { formText, useAuthSubmit } from './useAuthSubmit';

export function RegisterPage() {
  const { error, submitting, handleSubmit } = useAuthSubmit((form) => {
    const displayName = formText(form, 'displayName').trim();
    return register({
      username: formText(form, 'username').trim(),
      password: formText(form, 'password'),
      ...(displayName && { displayName }),
    });
  });

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" className="font-medium text-fg-accent hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={handleSubmit} className="flex flex-col gap-4">
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={32}
          pattern="[a-zA-Z0-9_.\-]+"
          hint="3–32 letters, digits, “_”, “.” or “-”."
          autoFocus
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          maxLength={64}
          hint="Optional. How others see you."
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={72}
          hint="8 to 72 characters (fewer with accents or emoji)."
        />
        <ErrorAlert message={error} />
        <Button type="submit" disabled={submitting}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
