import { formatExactTime } from '../../shared/lib/time';
import { Button } from '../../shared/ui/Button';
import type { Invite } from './adminApi';
import { absoluteUrl } from './copyLink';
import { LinkField } from './LinkField';

/** "Used 2 of 5 times", "Used once, no limit". */
function describeUses({ uses, maxUses }: Invite): string {
  const used = uses === 1 ? 'Used once' : `Used ${uses} times`;
  if (maxUses === null) return `${used}, no limit`;
  return `Used ${uses} of ${maxUses} ${maxUses === 1 ? 'time' : 'times'}`;
}

function describeExpiry({ expiresAt }: Invite): string {
  if (expiresAt === null) return 'Never expires';
  const verb = Date.parse(expiresAt) <= Date.now() ? 'Expired' : 'Expires';
  return `${verb} ${formatExactTime(expiresAt)}`;
}

interface InviteItemProps {
  invite: Invite;
  revoking: boolean;
  onRevoke: () => void;
}

export function InviteItem({ invite, revoking, onRevoke }: InviteItemProps) {
  return (
    <li className="flex flex-col gap-2 py-3">
      <LinkField
        label={`Invite ${invite.code}`}
        url={absoluteUrl(invite.url)}
        copyLabel={`Copy link for invite ${invite.code}`}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-fg-muted">
          {describeUses(invite)} · {describeExpiry(invite)}
        </p>
        <Button
          variant="secondary"
          size="sm"
          disabled={revoking}
          aria-label={`Revoke invite ${invite.code}`}
          onClick={onRevoke}
        >
          Revoke
        </Button>
      </div>
    </li>
  );
}
