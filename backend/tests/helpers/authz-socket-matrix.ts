import type { WorldUse } from './authz-rest-matrix';
import type { Role, World } from './authz-world';

/** `ok`, an acknowledgement's error code, or (anonymous) the connect_error message. */
export type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN' | 'connect_error: unauthorized';
/** One outcome per role, in the order of ROLES: anonymous, stranger, contact, removed, member, owner. */
export type Outcomes = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

export interface SocketRow {
  payload: (world: World, role: Role) => object;
  expect: Outcomes;
  /** As in the REST matrix (authz-rest-matrix.ts). */
  world?: WorldUse;
}

const REFUSED = 'connect_error: unauthorized';
const NF = 'NOT_FOUND';
let serial = 0;

/**
 * Expected acknowledgement of every client → server event for every role, acting against the owner's group and
 * message. Anonymous never gets a connection. A chat or message you may not see answers NOT_FOUND, as REST does.
 */
// prettier-ignore
export const SOCKET_MATRIX: Record<string, SocketRow> = {
  //                                                          anon     stranger contact removed member       owner
  'message:send': { payload: (w, role) => ({ chatId: w.groupId, clientMsgId: `socket-${role}-${++serial}`, content: 'hi' }),
    expect: [REFUSED, NF, NF, NF, 'ok', 'ok'], world: 'shared' },
  'message:edit': { payload: (w) => ({ messageId: w.messageId, content: 'edited' }),
    expect: [REFUSED, NF, NF, NF, 'FORBIDDEN', 'ok'] },
  'message:delete': { payload: (w) => ({ messageId: w.messageId }),
    expect: [REFUSED, NF, NF, NF, 'FORBIDDEN', 'ok'] },
  'typing:start': { payload: (w) => ({ chatId: w.groupId }),
    expect: [REFUSED, NF, NF, NF, 'ok', 'ok'], world: 'shared' },
  // Stopping is idempotent and checks nothing: it only ends what this user started, so it answers ok for any chat
  // id, existing or not, and tells nothing about the chat.
  'typing:stop': { payload: (w) => ({ chatId: w.groupId }),
    expect: [REFUSED, 'ok', 'ok', 'ok', 'ok', 'ok'], world: 'shared' },
  'message:delivered': { payload: (w) => ({ chatId: w.groupId, seq: w.messageSeq }),
    expect: [REFUSED, NF, NF, NF, 'ok', 'ok'], world: 'shared' },
  'message:read': { payload: (w) => ({ chatId: w.groupId, seq: w.messageSeq }),
    expect: [REFUSED, NF, NF, NF, 'ok', 'ok'], world: 'shared' },
  // Answered entry by entry (the outcome here is the one entry's): a chat you are not in is NOT_FOUND.
  'receipts:batch': { payload: (w) => ({ receipts: [{ chatId: w.groupId, read: w.messageSeq }] }),
    expect: [REFUSED, NF, NF, NF, 'ok', 'ok'], world: 'shared' },
  // Your own replay log only.
  sync: { payload: () => ({ cursor: null }), expect: [REFUSED, 'ok', 'ok', 'ok', 'ok', 'ok'], world: 'shared' },
};
