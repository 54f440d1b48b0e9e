import { TextField } from '../../shared/ui/TextField';

/** The server's rule for every password it sets (bcrypt reads at most 72 bytes). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;
export const PASSWORD_HINT = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (fewer with accents or emoji).`;

/** The input attributes of a field where someone chooses a password: the browser checks the rule and may suggest one. */
export const NEW_PASSWORD_INPUT = {
  type: 'password',
  autoComplete: 'new-password',
  required: true,
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  hint: PASSWORD_HINT,
} as const;

export const MISMATCH_MESSAGE = 'The two new passwords do not match.';

interface NewPasswordFieldsProps {
  /** "New password" where another password is on the form, "Password" otherwise. */
  label?: string;
  disabled?: boolean;
}

/**
 * A new password typed twice, with the register page's rules. Read them with `newPasswordOf`: the two must match,
 * which the browser cannot check by itself.
 */
export function NewPasswordFields({ label = 'New password', disabled = false }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField label={label} name="newPassword" {...NEW_PASSWORD_INPUT} disabled={disabled} />
      <TextField
        label={`Confirm ${label.toLowerCase()}`}
        name="confirmPassword"
        {...NEW_PASSWORD_INPUT}
        hint={undefined}
        disabled={disabled}
      />
    </>
  );
}

/** The new password of a form with `NewPasswordFields`, or null when the confirmation differs. */
export function newPasswordOf(form: FormData): string | null {
  const password = form.get('newPassword');
  const confirmation = form.get('confirmPassword');
  return typeof password === 'string' && password === confirmation ? password : null;
}
