import { createHash } from 'node:crypto';
import request from 'supertest';
import { PROBE_WORD, type MatrixRole, type Role, type World } from './authz-world';
import type { TestServer } from './test-server';
import { registerUser } from './users';

export type WorldUse = 'shared' | 'kept';

/** One status per role, in the order of ROLES: anonymous, stranger, contact, removed, member, owner. */
export type Statuses = readonly [number, number, number, number, number, number];

export interface RestRow {
  /** Values for the `{param}`s of the path. */
  params?: (world: World) => Record<string, string>;
  query?: (world: World) => Record<string, string>;
  body?: (world: World, role: MatrixRole, server: TestServer) => object | Promise<object>;
  /** A multipart upload of a small PNG in the field `file`. */
  upload?: true;
  expect: Statuses;
  /** The admin's status; by default the stranger's (an admin is one everywhere but under /api/admin). */
  admin?: number;
  /**
   * Where the rows act. By default in a world of the operation's own, rebuilt after every successful change, so that
   * no row sees what an earlier role did. `kept`: the operation's own world, kept from role to role, because a
   * success only changes the caller's own relation to the owner. `shared`: the world that every GET row shares too,
   * because a success changes nothing that any other row looks at. GET rows always use the shared world.
   */
  world?: WorldUse;
  /** A successful answer mentions the owner's resource (`when`) exactly for the roles in `to`. */
  reveals?: { to: readonly Role[]; when: (body: unknown, world: World) => boolean };
}

const PASSWORD = 'correct horse battery';
let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}_${process.pid}`;

/** A new session of the owner's (refresh and logout act on it, leaving the world's session alone). */
const ownerSignsInAgain = async (world: World, server: TestServer) => {
  const response = await request(server.url)
    .post('/api/auth/login')
    .send({ username: world.users.owner.username, password: PASSWORD })
    .expect(200);
  return { refreshToken: (response.body as { refreshToken: string }).refreshToken };
};

/** A reset token of a user made for the purpose (using it ends that user's sessions, nobody else's). */
const throwawayReset = async (server: TestServer) => {
  const user = await registerUser(server);
  const resetToken = unique('authz_reset_token_');
  await server.prisma.passwordResetToken.create({
    data: {
      userId: user.id,
      tokenHash: createHash('sha256').update(resetToken).digest('hex'),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { resetToken, newPassword: PASSWORD };
};

/** The invite the DELETE row revokes, made usable again before each role asks (the body is sent, and ignored). */
const REVOCABLE_INVITE_ID = '0d6f3a52-7a3e-4d1b-9c55-2b1f6a0c9e11';
const revocableInvite = async (server: TestServer) => {
  const invite = { code: `authz-invite-${process.pid}`, revokedAt: null, expiresAt: new Date(Date.now() + 3_600_000) };
  await server.prisma.invite.upsert({
    where: { id: REVOCABLE_INVITE_ID },
    create: { id: REVOCABLE_INVITE_ID, ...invite },
    update: invite,
  });
  return {};
};

const ids = (list: unknown) => (Array.isArray(list) ? list.map((item) => (item as { id?: unknown }).id) : []);
const group = (world: World) => ({ id: world.groupId });
const message = (world: World) => ({ id: world.messageId });
const image = (world: World) => ({ id: world.attachmentId });
const members = ['member', 'owner'] as const;
const ADMINS_ONLY: Statuses = [401, 403, 403, 403, 403, 403];

/**
 * Expected status of every REST operation for every role, acting against the owner's resources (authz-world.ts).
 * The contract's rules: no or a bad token → 401; a chat, message or image you may not see → 404, exactly like
 * one that does not exist (a 403 would tell that it exists); a member without the right → 403.
 */
// prettier-ignore
export const REST_MATRIX: Record<string, RestRow> = {
  //                                              anon stranger contact removed member owner
  // Public: the body decides, the access token (present or not) changes nothing.
  'POST /api/auth/register': { body: () => ({ username: unique('authz_reg'), password: PASSWORD }),
    expect: [201, 201, 201, 201, 201, 201], world: 'shared' },
  'POST /api/auth/login': { body: (w) => ({ username: w.users.owner.username, password: PASSWORD }),
    expect: [200, 200, 200, 200, 200, 200], world: 'shared' },
  'POST /api/auth/refresh': { body: (w, _role, server) => ownerSignsInAgain(w, server),
    expect: [200, 200, 200, 200, 200, 200], world: 'shared' },
  'POST /api/auth/logout': { body: (w, _role, server) => ownerSignsInAgain(w, server),
    expect: [204, 204, 204, 204, 204, 204], world: 'shared' },
  'GET /api/auth/registration': { expect: [200, 200, 200, 200, 200, 200] },
  'POST /api/auth/password-reset': { body: (_w, _role, server) => throwawayReset(server),
    expect: [204, 204, 204, 204, 204, 204], world: 'shared' },

  // Your own things: everyone signed in, each seeing only their own.
  'GET /api/auth/sessions': { expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['owner'], when: (b, w) => ids((b as { sessions: unknown }).sessions).includes(w.sessionId) } },
  'DELETE /api/auth/sessions/{id}': { params: (w) => ({ id: w.sessionId }), expect: [401, 404, 404, 404, 404, 204] },
  'GET /api/users/me': { expect: [401, 200, 200, 200, 200, 200] },
  // Someone else's image as your avatar: 400 naming avatarAttachmentId (docs/api-contract.md, PUT /api/users/me).
  'PUT /api/users/me': { body: (w) => ({ avatarAttachmentId: w.attachmentId }), expect: [401, 400, 400, 400, 400, 200] },
  // The same password again: the caller's other sessions end, in a world of the row's own.
  'PUT /api/users/me/password': { body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
    expect: [401, 204, 204, 204, 204, 204], world: 'kept' },
  'GET /api/users/search': { query: (w) => ({ q: w.users.owner.username }), expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['stranger', 'contact', 'removed', 'member'],
      when: (b, w) => ids((b as { users: unknown }).users).includes(w.users.owner.id) } },
  // Anyone sees the profile; presence only the owner themselves and their contacts (`removed` still is one).
  'GET /api/users/{id}': { params: (w) => ({ id: w.users.owner.id }), expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['contact', 'removed', 'member', 'owner'],
      when: (b) => (b as { user: { online: unknown } }).user.online !== null } },

  // Blocking: anyone may block or unblock anyone else (only their own relation to the owner changes); yourself 400.
  'GET /api/users/me/blocks': { expect: [401, 200, 200, 200, 200, 200] },
  'POST /api/users/{id}/block': { params: (w) => ({ id: w.users.owner.id }), expect: [401, 204, 204, 204, 204, 400],
    world: 'kept' },
  'DELETE /api/users/{id}/block': { params: (w) => ({ id: w.users.owner.id }), expect: [401, 204, 204, 204, 204, 400],
    world: 'shared' },

  // Contacts: the owner is a contact of contact, removed and member (a group owner adds contacts only).
  'GET /api/contacts': { expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['contact', 'removed', 'member'], when: (b, w) =>
      (b as { contacts: { user: { id: string } }[] }).contacts.some((c) => c.user.id === w.users.owner.id) } },
  'GET /api/contacts/requests': { expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['owner'], when: (b, w) => ids((b as { incoming: unknown }).incoming).includes(w.requestId) } },
  'POST /api/contacts/requests': { body: (w) => ({ userId: w.users.owner.id }),
    expect: [401, 201, 409, 409, 409, 400], world: 'shared' },
  // The pending request goes from `requester` to the owner: only its two parties may know it exists.
  'POST /api/contacts/requests/{id}/accept': { params: (w) => ({ id: w.requestId }),
    expect: [401, 404, 404, 404, 404, 200] },
  'DELETE /api/contacts/requests/{id}': { params: (w) => ({ id: w.requestId }), expect: [401, 404, 404, 404, 404, 204] },
  'DELETE /api/contacts/{id}': { params: (w) => ({ id: w.users.owner.id }),
    expect: [401, 404, 204, 204, 204, 404], world: 'kept' },

  // Chats.
  'GET /api/chats': { expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: members, when: (b, w) => ids((b as { chats: unknown }).chats).includes(w.groupId) } },
  'POST /api/chats/direct': { body: (w) => ({ userId: w.users.owner.id }),
    expect: [401, 403, 201, 201, 201, 400], world: 'shared' },
  'POST /api/chats/group': { body: (w) => ({ name: 'Mine', memberIds: [w.users.owner.id] }),
    expect: [401, 403, 201, 201, 201, 201], world: 'shared' },
  'GET /api/chats/{id}': { params: group, expect: [401, 404, 404, 404, 200, 200] },
  'PUT /api/chats/{id}': { params: group, body: () => ({ name: 'Renamed' }), expect: [401, 404, 404, 404, 403, 200] },
  'DELETE /api/chats/{id}': { params: group, expect: [401, 404, 404, 404, 403, 204] },
  'PUT /api/chats/{id}/mute': { params: group, body: () => ({ muted: true }),
    expect: [401, 404, 404, 404, 200, 200], world: 'shared' },
  'POST /api/chats/{id}/participants': { params: group, body: (w) => ({ userIds: [w.users.contact.id] }),
    expect: [401, 404, 404, 404, 403, 200] },
  // Open groups: everyone outside the open group finds it, nobody finds the private one (a leak of it fails `when`).
  'GET /api/chats/discover': { query: (w) => ({ q: w.groupName }), expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: ['stranger', 'contact', 'removed'], when: (b, w) => {
      const found = ids((b as { chats: unknown }).chats);
      return found.includes(w.openGroupId) && !found.includes(w.groupId);
    } } },
  // Joining the private group: 404 to all outside it (as if it did not exist); its members are in it already.
  'POST /api/chats/{id}/join': { params: group, expect: [401, 404, 404, 404, 200, 200], world: 'shared' },
  // Removing another member (leaving, i.e. removing yourself, is any member's right: groups.test.ts).
  'DELETE /api/chats/{id}/participants/{userId}': { params: (w) => ({ id: w.groupId, userId: w.users.otherMember.id }),
    expect: [401, 404, 404, 404, 403, 204] },

  // Messages: the owner's image message in the group.
  'GET /api/chats/{id}/messages': { params: group, expect: [401, 404, 404, 404, 200, 200],
    reveals: { to: members, when: (b, w) => ids((b as { messages: unknown }).messages).includes(w.messageId) } },
  'POST /api/chats/{id}/messages': { params: group, body: (_w, role) => ({ clientMsgId: unique(role), content: 'hi' }),
    expect: [401, 404, 404, 404, 201, 201], world: 'shared' },
  'PUT /api/messages/{id}': { params: message, body: () => ({ content: 'edited' }),
    expect: [401, 404, 404, 404, 403, 200] },
  'DELETE /api/messages/{id}': { params: message, expect: [401, 404, 404, 404, 403, 200] },
  'POST /api/messages/{id}/reactions': { params: message, body: () => ({ emoji: '👍' }),
    expect: [401, 404, 404, 404, 200, 200], world: 'shared' },
  'DELETE /api/messages/{id}/reactions/{emoji}': { params: (w) => ({ id: w.messageId, emoji: '👍' }),
    expect: [401, 404, 404, 404, 200, 200], world: 'shared' },
  // Pins: any member pins and unpins (both idempotent, so the world is kept from role to role).
  'GET /api/chats/{id}/pins': { params: group, expect: [401, 404, 404, 404, 200, 200] },
  'POST /api/messages/{id}/pin': { params: message, expect: [401, 404, 404, 404, 200, 200], world: 'kept' },
  'DELETE /api/messages/{id}/pin': { params: message, expect: [401, 404, 404, 404, 200, 200], world: 'kept' },

  // Images: the uploader and the current members of a chat whose message holds it; everyone else 404.
  'POST /api/attachments': { upload: true, expect: [401, 201, 201, 201, 201, 201], world: 'shared' },
  'GET /api/attachments/{id}': { params: image, expect: [401, 404, 404, 404, 200, 200] },
  'GET /api/attachments/{id}/thumbnail': { params: image, expect: [401, 404, 404, 404, 200, 200] },

  // Administration: admins only (the role is read from the database on every call).
  'POST /api/admin/users/{id}/password-reset': { params: (w) => ({ id: w.users.owner.id }),
    expect: ADMINS_ONLY, admin: 201, world: 'shared' },
  'GET /api/admin/settings': { expect: ADMINS_ONLY, admin: 200 },
  'PUT /api/admin/settings': { body: () => ({ registration: 'open' }), expect: ADMINS_ONLY, admin: 200, world: 'shared' },
  'POST /api/admin/invites': { body: () => ({ maxUses: 1 }), expect: ADMINS_ONLY, admin: 201, world: 'shared' },
  'GET /api/admin/invites': { expect: ADMINS_ONLY, admin: 200 },
  'DELETE /api/admin/invites/{id}': { params: () => ({ id: REVOCABLE_INVITE_ID }),
    body: (_w, _role, server) => revocableInvite(server), expect: ADMINS_ONLY, admin: 204, world: 'shared' },

  // Search: only chats you belong to now, even when asked for the owner's group by id.
  'GET /api/search': { query: (w) => ({ q: PROBE_WORD, chatId: w.groupId }), expect: [401, 200, 200, 200, 200, 200],
    reveals: { to: members, when: (b) => (b as { total: number }).total > 0 } },

  // Administration: admins only, whatever else the caller is to the owner (the target is `otherMember`).
  'GET /api/admin/users': { expect: ADMINS_ONLY, admin: 200 },
  'PUT /api/admin/users/{id}': { params: (w) => ({ id: w.users.otherMember.id }), body: () => ({ role: 'admin' }),
    expect: ADMINS_ONLY, admin: 200 },
  'POST /api/admin/users/{id}/deactivate': { params: (w) => ({ id: w.users.otherMember.id }),
    expect: ADMINS_ONLY, admin: 200 },
  // Reactivating an active account changes nothing.
  'POST /api/admin/users/{id}/reactivate': { params: (w) => ({ id: w.users.otherMember.id }),
    expect: ADMINS_ONLY, admin: 200, world: 'shared' },
  'GET /api/admin/audit': { expect: ADMINS_ONLY, admin: 200 },
};
