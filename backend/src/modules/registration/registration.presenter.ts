import { frontendLink } from '../../lib/frontend-link';

interface InviteRecord {
  id: string;
  code: string;
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  createdAt: Date;
}

/** An invite as admins see it, with the link to hand out (`/register?invite=CODE` in the web app). */
export function presentInvite(invite: InviteRecord, frontendUrl: string) {
  return {
    id: invite.id,
    code: invite.code,
    url: frontendLink(frontendUrl, '/register', { invite: invite.code }),
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt?.toISOString() ?? null,
    createdAt: invite.createdAt.toISOString(),
  };
}
