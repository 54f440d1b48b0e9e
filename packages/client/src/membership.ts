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
 * Where a `chat:members` change stands against the chat a client holds, by the chat's `membersVersion`. Changes made
 * on several server instances at the same moment may arrive in either order. `next`: it follows the version held,
 * apply it. `seen`: the chat held already has it (heard twice, live then replayed, or a newer change or whole chat
 * came first): ignore it. `gap`: a change between them has not arrived (yet): the members held cannot be brought up
 * to date from here, so fetch the chat (it has this change and the one missed).
 */
export type MembersChangeFit = 'next' | 'seen' | 'gap';

export function membersChangeFit(chat: Chat, change: MembersChange): MembersChangeFit {
  if (change.membersVersion <= chat.membersVersion) return 'seen';
  return change.membersVersion === chat.membersVersion + 1 ? 'next' : 'gap';
}

/**
 * The chat once a `chat:members` change is applied, as the `chat:updated` it stands for would leave it: those who
 * left (or were removed) gone, the new members after everyone else (the server lists participants by when they
 * joined), each role following the owner, who may have changed. Only the `next` change applies (membersChangeFit);
 * any other leaves the chat as it is, so a change heard twice or late changes nothing. Counts and the last message
 * follow the change's system message, which comes next as `message:new`.
 */
export function withMembersChanged(chat: Chat, change: MembersChange): Chat {
  if (membersChangeFit(chat, change) !== 'next') return chat;
  const replaced = new Set([...change.removed, ...change.added.map((participant) => participant.user.id)]);
  const kept = chat.participants.filter((participant) => !replaced.has(participant.user.id));
  const participants = [...kept, ...change.added].map((participant) => withRole(participant, change.ownerId));
  const { ownerId, updatedAt, membersVersion } = change;
  return { ...chat, participants, ownerId, updatedAt, membersVersion };
}

/**
 * A whole chat received (`chat:updated`, `chat:created`, a REST answer, the list) in place of the one held: read by
 * the server before a member change that reached the client first, it would bring back who left. Then it is taken
 * with the members and owner held, which are newer.
 */
export function withNewestMembers(received: Chat, held: Chat | undefined): Chat {
  if (!held || received.membersVersion >= held.membersVersion) return received;
  const { participants, ownerId, membersVersion } = held;
  return { ...received, participants, ownerId, membersVersion };
}

function withRole(participant: Participant, ownerId: string | null): Participant {
  const role = participant.user.id === ownerId ? 'owner' : 'member';
  return participant.role === role ? participant : { ...participant, role };
}
