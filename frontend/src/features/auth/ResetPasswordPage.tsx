import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { AuthCard } from './AuthCard';
import { resetPassword } from './authApi';
import { MISMATCH_MESSAGE, NewPasswordFields, newPasswordOf } from './NewPasswordFields';

const ASK_FOR_A_NEW_LINK = 'Ask your admin for a new link.';

const explanations = {
  RESET_TOKEN_INVALID: `This reset link is not valid any more: it was already used, it expired, or it was mistyped. ${ASK_FOR_A_NEW_LINK}`,
};

const linkClass = 'font-medium text-fg-accent hover:underline';

/**
 * /reset-password?token=…: the link an admin hands to someone who forgot their password. Open whether signed in
 * or not; setting the password ends every session of that account.
 */
export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const resetToken = searchParams.get('token')?.trim() ?? '';
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const reset = useAsyncAction(explanations);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = newPasswordOf(new FormData(event.currentTarget));
    setMismatch(newPassword === null);
    if (newPassword === null) return;
    reset.run(async () => {
      await resetPassword({ resetToken, newPassword });
      setDone(true);
    });
  }

  return (
    <AuthCard
      title="Set a new password"
      footer={
        <Link to="/login" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      {!resetToken && (
        <p className="text-sm text-fg">
          This page needs the reset link your admin gave you, with its token; this address has none.{' '}
          {ASK_FOR_A_NEW_LINK}
        </p>
      )}
      {resetToken && done && (
        <div className="flex flex-col gap-3">
          <StatusMessage message="Your new password is set, and every device signed in to your account was signed out." />
          <Link to="/login" className={`${linkClass} text-sm`}>
            Sign in with your new password
          </Link>
        </div>
      )}
      {resetToken && !done && (
        <form onSubmit={handleSubmit} className="flex flex-col gap-4">
          <NewPasswordFields disabled={reset.pending} />
          <ErrorAlert message={mismatch ? MISMATCH_MESSAGE : reset.error} />
          <Button type="submit" disabled={reset.pending}>
            Set new password
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
