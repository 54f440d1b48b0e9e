import jwt from 'jsonwebtoken';
import request from 'supertest';
import { images } from './images';
import type { TestServer } from './test-server';
import { makeContacts, registerUser, type TestUser } from './users';

/** Who is asking, from least to most privileged; rows of a matrix run in this order. */
export const ROLES = ['anonymous', 'stranger', 'contact', 'removed', 'member', 'owner'] as const;
export type Role = (typeof ROLES)[number];
export type SignedInRole = Exclude<Role, 'anonymous'>;
/**
 * An active admin who knows nobody: for every operation but the admin ones a stranger, and expected to be answered
 * as one (RestRow.admin defaults to the stranger's status).
 */
export type MatrixRole = Role | 'admin';

/** A word only the owner's probe message contains, so that searches can tell whether it leaked. */
export const PROBE_WORD = 'quokkaprobe';

/**
 * Everything the roles act against, all of it the owner's:
 * - `groupId`: a private group owned by `owner`, with `member` and `otherMember`; `removed` was a member (and saw
 *   the message) until the owner removed them; `contact` is the owner's contact outside the group; `stranger` knows
 *   nobody.
 * - `openGroupId`: an open group owned by `owner`, with `member`: anyone may find and join it. A search for
 *   `groupName` (this world's alone) matches the names of both groups.
 * - `messageId` (seq `messageSeq`): the owner's image message in the group, holding `attachmentId`.
 * - `sessionId`: the owner's session; `requestId`: a pending contact request from `requester` to the owner.
 * - `admin`: the world's only admin among its users (the first account of the test database is an admin too, so
 *   the roles are set in the database, whichever of them registered first).
 */
export interface World {
  users: Record<SignedInRole | 'admin' | 'otherMember' | 'requester', TestUser>;
  groupId: string;
  groupName: string;
  openGroupId: string;
  messageId: string;
  messageSeq: number;
  attachmentId: string;
  sessionId: string;
  requestId: string;
}

let worlds = 0;

/** Builds a fresh world through the public API (about 30 requests, a few of them in parallel). */
export async function buildWorld(server: TestServer): Promise<World> {
  const n = ++worlds;
  const api = () => request(server.url);
  const register = (name: string) => registerUser(server, `authz${n}_${name}_${process.pid}`);
  const [owner, member, otherMember, removed, contact, stranger, requester, admin] = (await Promise.all(
    ['owner', 'member', 'other', 'removed', 'contact', 'stranger', 'requester', 'admin'].map(register),
  )) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  const others = [owner, member, otherMember, removed, contact, stranger, requester].map((user) => user.id);
  await server.prisma.user.updateMany({ where: { id: { in: others } }, data: { role: 'member' } });
  await server.prisma.user.update({ where: { id: admin.id }, data: { role: 'admin' } });

  const [upload] = await Promise.all([
    api()
      .post('/api/attachments')
      .set(owner.auth)
      .attach('file', await images.png(), 'probe.png')
      .expect(201),
    ...[member, otherMember, removed, contact].map((user) => makeContacts(server, owner, user)),
  ]);
  const attachmentId = (upload.body as { attachment: { id: string } }).attachment.id;

  const groupName = `Authz ${n}.${process.pid}`;
  const group = await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: groupName, memberIds: [member.id, otherMember.id, removed.id] })
    .expect(201);
  const groupId = (group.body as { chat: { id: string } }).chat.id;
  const [sent, contactRequest, openGroup] = await Promise.all([
    api()
      .post(`/api/chats/${groupId}/messages`)
      .set(owner.auth)
      .send({ clientMsgId: `probe-${n}`, content: `the ${PROBE_WORD} caption`, attachmentIds: [attachmentId] })
      .expect(201),
    api().post('/api/contacts/requests').set(requester.auth).send({ userId: owner.id }).expect(201),
    api()
      .post('/api/chats/group')
      .set(owner.auth)
      .send({ name: `${groupName} open`, memberIds: [member.id], visibility: 'open' })
      .expect(201),
  ]);
  const message = (sent.body as { message: { id: string; seq: number } }).message;
  await api().delete(`/api/chats/${groupId}/participants/${removed.id}`).set(owner.auth).expect(204);

  return {
    users: { owner, member, otherMember, removed, contact, stranger, requester, admin },
    groupId,
    groupName,
    openGroupId: (openGroup.body as { chat: { id: string } }).chat.id,
    messageId: message.id,
    messageSeq: message.seq,
    attachmentId,
    sessionId: (jwt.decode(owner.accessToken) as { sid: string }).sid,
    requestId: (contactRequest.body as { request: { id: string } }).request.id,
  };
}

/** The world of one operation's rows, rebuilt when a row changed what the next rows would see. */
export class WorldCache {
  private current: Promise<World> | undefined;

  constructor(private readonly server: TestServer) {}

  get(): Promise<World> {
    this.current ??= buildWorld(this.server);
    return this.current;
  }

  /** The next `get` builds a fresh world. */
  spoil(): void {
    this.current = undefined;
  }
}
