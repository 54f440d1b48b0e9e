import { useEffect, useState } from 'react';
import { getErrorMessage } from '../../shared/api/errors';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { fetchInvites, revokeInvite, type Invite } from './adminApi';
import { AdminSection } from './AdminSection';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog';
import { CreateInviteForm } from './CreateInviteForm';
import { InviteItem } from './InviteItem';

/** Invite links: what lets people register while registration is by invitation. */
export function InvitesSection() {
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const revoke = useAsyncAction();

  useEffect(() => {
    // Only the answer of the effect still in place: React may run it twice, and an earlier answer must not
    // replace a list changed since.
    let current = true;
    fetchInvites().then(
      (loaded) => current && setInvites(loaded),
      (error: unknown) => current && setLoadError(getErrorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  const confirmRevoke = (invite: Invite) =>
    setConfirmation({
      title: `Revoke invite ${invite.code}?`,
      message: <p>Its link stops working at once. Accounts already created with it stay.</p>,
      confirmLabel: 'Revoke',
      danger: true,
      onConfirm: () =>
        revoke.run(async () => {
          await revokeInvite(invite.id);
          setInvites((shown) => shown?.filter((item) => item.id !== invite.id) ?? null);
        }),
    });

  return (
    <AdminSection
      title="Invites"
      description="While registration is by invitation, a person needs one of these links to create an account."
    >
      <CreateInviteForm onCreated={(invite) => setInvites((shown) => [invite, ...(shown ?? [])])} />
      <ErrorAlert message={loadError ?? revoke.error} />
      {invites === null && !loadError && <p className="text-sm text-fg-muted">Loading invites…</p>}
      {invites?.length === 0 && (
        <p className="text-sm text-fg-muted">No usable invites (used-up, expired and revoked ones are not listed).</p>
      )}
      {invites && invites.length > 0 && (
        <ul aria-label="Invites" className="divide-y divide-border">
          {invites.map((invite) => (
            <InviteItem
              key={invite.id}
              invite={invite}
              revoking={revoke.pending}
              onRevoke={() => confirmRevoke(invite)}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog confirmation={confirmation} onCancel={() => setConfirmation(null)} />
    </AdminSection>
  );
}
