import type { ErrorCode } from '@messenger/contract';
import { Link, useSearchParams } from 'react-router-dom';
import { getErrorCode } from '../../shared/api/errors';
import type { RegistrationMode } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { AuthCard } from './AuthCard';
import { register } from './authApi';
import { NEW_PASSWORD_INPUT } from './NewPasswordFields';
import { formText, useAuthSubmit } from './useAuthSubmit';
import { useRegistrationMode } from './useRegistrationMode';

const CLOSED_EXPLANATION = 'Registration is closed; ask an admin if you need an account.';
const INVITE_EXPLANATION = 'Registration needs an invite. Enter the code from your invite link, or ask an admin.';

const explanations = {
  INVITE_REQUIRED: INVITE_EXPLANATION,
  INVITE_INVALID: 'This invite code is not valid: it may have expired or been used up. Ask an admin for a new one.',
  REGISTRATION_CLOSED: CLOSED_EXPLANATION,
};

/** A refusal that shows the installation's mode changed since the page asked. */
const modeRevealedBy: Partial<Record<ErrorCode, RegistrationMode>> = {
  INVITE_REQUIRED: 'invite',
  REGISTRATION_CLOSED: 'closed',
};

/** /register, and /register?invite=CODE from an invite link. */
export function RegisterPage() {
  const [searchParams] = useSearchParams();
  const inviteFromLink = searchParams.get('invite')?.trim() ?? '';
  const { mode, learned } = useRegistrationMode();
  const { error, submitting, handleSubmit } = useAuthSubmit(async (form) => {
    const displayName = formText(form, 'displayName').trim();
    const inviteCode = formText(form, 'inviteCode').trim();
    try {
      return await register({
        username: formText(form, 'username').trim(),
        password: formText(form, 'password'),
        ...(displayName && { displayName }),
        ...(inviteCode && { inviteCode }),
      });
    } catch (refusal) {
      const code = getErrorCode(refusal);
      const revealed = code && modeRevealedBy[code];
      if (revealed) learned(revealed);
      throw refusal;
    }
  }, explanations);

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
      {mode === null && <p className="text-sm text-fg-muted">Checking whether you can register…</p>}
      {mode === 'closed' && <p className="text-sm text-fg">{CLOSED_EXPLANATION}</p>}
      {(mode === 'open' || mode === 'invite') && (
        <form onSubmit={handleSubmit} className="flex flex-col gap-4">
          {mode === 'invite' && <p className="text-sm text-fg">{INVITE_EXPLANATION}</p>}
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
          <TextField label="Password" name="password" {...NEW_PASSWORD_INPUT} />
          {(mode === 'invite' || inviteFromLink) && (
            <TextField
              label="Invite code"
              name="inviteCode"
              autoComplete="off"
              spellCheck={false}
              required={mode === 'invite'}
              defaultValue={inviteFromLink}
              hint={inviteFromLink ? 'Filled in from your invite link.' : 'From the invite link an admin gave you.'}
            />
          )}
          <ErrorAlert message={error} />
          <Button type="submit" disabled={submitting}>
            Create account
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
