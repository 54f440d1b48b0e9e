import { formatExactTime } from '../../shared/lib/time';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import type { AdminUser, PasswordResetGrant } from './adminApi';
import { absoluteUrl } from './copyLink';
import { LinkField } from './LinkField';

/** Where the person sets their new password: the server's link if it sends one, else the web app's page. */
export function resetLink(grant: PasswordResetGrant): string {
  if (grant.resetUrl) return absoluteUrl(grant.resetUrl);
  return `${window.location.origin}/reset-password?token=${encodeURIComponent(grant.resetToken)}`;
}

interface ResetLinkDialogProps {
  person: AdminUser;
  grant: PasswordResetGrant;
  onClose: () => void;
}

/** The one time the reset link can be seen: the server keeps only its hash. */
export function ResetLinkDialog({ person, grant, onClose }: ResetLinkDialogProps) {
  return (
    <Dialog title={`Password reset link for ${person.displayName}`} onClose={onClose}>
      <p className="text-sm text-fg">
        Give this link to {person.displayName} (@{person.username}) yourself, in person or through a channel you trust.
        With it they choose a new password, which signs them out everywhere.
      </p>
      <LinkField label="Reset link" url={resetLink(grant)} />
      <p className="text-sm text-fg-warning">
        This link is shown only once: copy it now. It works once, until{' '}
        <time dateTime={grant.expiresAt}>{formatExactTime(grant.expiresAt)}</time>.
      </p>
      <Button className="self-end" onClick={onClose}>
        Done
      </Button>
    </Dialog>
  );
}
