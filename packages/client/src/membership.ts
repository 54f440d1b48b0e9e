import { CLIENT_FEATURES, type Chat, type Participant, type ServerEventPayload } from '@messenger/contract';

/**
 * What our clients declare in the Socket.IO handshake (`auth.features`): every feature of the contract, since they
 * handle each event those bring. `presence-batch`: presence as one `presence:changed` per server window.
 * `membership-delta`: `chat:members` (see withMembersChanged) instead of the whole chat when a group's members change.
 * `receipts-batch`: `receipts:changed`, one event per receipts write, instead of one per chat and reader.
 */
export const DECLARED_FEATURES: readonly string[] = Object.values(CLIENT_FEATURES);

/** A `chat:members` event as a client applies it (its `cursor` is the socket's business). */
export type MembersChange = ServerEventPayload<'chat:members'>;

/**
 * The chat once a `chat:members` change is applied, as the `chat:updated` it stands for would leave it: those who
 * left (or were removed) gone, the new members after everyone else (the server lists participants by when they
 * joined), each role following the owner, who may have changed. Applying a change twice (live, then replayed)
 * leaves the same chat. Counts and the last message follow the change's system message, which comes next as
 * `message:new`.
 */
export function withMembersChanged(chat: Chat, change: MembersChange): Chat {
  const replaced = new Set([...change.removed, ...change.added.map((participant) => participant.user.id)]);
  const kept = chat.participants.filter((participant) => !replaced.has(participant.user.id));
  const participants = [...kept, ...change.added].map((participant) => withRole(participant, change.ownerId));
  return { ...chat, participants, ownerId: change.ownerId, updatedAt: change.updatedAt };
}

function withRole(participant: Participant, ownerId: string | null): Participant {
  const role = participant.user.id === ownerId ? 'owner' : 'member';
  return participant.role === role ? participant : { ...participant, role };
}
