import request from 'supertest';
import { adminApi, registerAdmin } from '../../../tests/helpers/admins';
import { createGroup, ownerWithContacts } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { chattingPair, registerUser, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();
const api = () => request(server.url);
let admin: TestUser;
beforeAll(async () => {
  await registerUser(server); // the installation's first account, its admin
  admin = await registerAdmin(server);
});
const deactivate = (user: TestUser) => adminApi(server, admin).deactivate(user.id).expect(200);

describe('a deactivated person', () => {
  it('leaves user search, takes no contact requests, cannot be added to groups; their messages stay, marked', async () => {
    const { alice, bob, chatId } = await chattingPair(server);
    await api()
      .post(`/api/chats/${chatId}/messages`)
      .set(bob.auth)
      .send({ clientMsgId: 'before', content: 'still here' })
      .expect(201);
    const group = await createGroup(server, alice, []);
    await deactivate(bob);

    const search = await api().get('/api/users/search').query({ q: bob.username }).set(alice.auth).expect(200);
    expect(search.body.users.map((user: { id: string }) => user.id)).not.toContain(bob.id);
    const carol = await registerUser(server);
    const asked = await api().post('/api/contacts/requests').set(carol.auth).send({ userId: bob.id }).expect(409);
    expect(asked.body.error.code).toBe('USER_DEACTIVATED');
    for (const attempt of [
      api()
        .post('/api/chats/group')
        .set(alice.auth)
        .send({ name: 'New', memberIds: [bob.id] }),
      api()
        .post(`/api/chats/${group.id}/participants`)
        .set(alice.auth)
        .send({ userIds: [bob.id] }),
    ]) {
      const refused = await attempt.expect(409);
      expect(refused.body.error).toEqual({
        code: 'USER_DEACTIVATED',
        message: `Deactivated accounts cannot be added to a group (${bob.username})`,
      });
    }

    const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
    expect(history.body.messages).toEqual([
      expect.objectContaining({
        content: 'still here',
        sender: expect.objectContaining({ id: bob.id, deactivated: true }),
      }),
    ]);
    const profile = await api().get(`/api/users/${bob.id}`).set(alice.auth).expect(200);
    expect(profile.body.user).toMatchObject({ id: bob.id, deactivated: true });
    const active = await api().get(`/api/users/${alice.id}`).set(alice.auth).expect(200);
    expect(active.body.user).not.toHaveProperty('deactivated');
  });

  it('hands the groups they own to the longest-standing active member, and tells the members', async () => {
    const { owner, members } = await ownerWithContacts(server, 3);
    const [first, second, third] = members as [TestUser, TestUser, TestUser];
    const group = await createGroup(server, owner, [first]);
    await api()
      .post(`/api/chats/${group.id}/participants`)
      .set(owner.auth)
      .send({ userIds: [second.id] })
      .expect(200);
    await api()
      .post(`/api/chats/${group.id}/participants`)
      .set(owner.auth)
      .send({ userIds: [third.id] })
      .expect(200);
    await deactivate(first); // longest-standing, but deactivated: passed over
    const socket = await sockets.connect(server.url, third.accessToken);
    const updated = nextEvent<{ chat: { id: string; ownerId: string } }>(socket, 'chat:updated');
    const announced = nextEvent<{ message: { type: string; content: string } }>(socket, 'message:new');

    await deactivate(owner);

    expect((await updated).chat).toMatchObject({ id: group.id, ownerId: second.id });
    expect((await announced).message).toMatchObject({
      type: 'system',
      content: `${second.displayName} is now the owner (${owner.displayName}'s account was deactivated)`,
    });
    const chat = await api().get(`/api/chats/${group.id}`).set(second.auth).expect(200);
    expect(chat.body.chat.ownerId).toBe(second.id);
    await api().put(`/api/chats/${group.id}`).set(second.auth).send({ name: 'Ours now' }).expect(200);
  });

  it('has their queued offline sends refused, over a reconnecting socket and over REST, and nothing half-sent', async () => {
    const { alice, bob, chatId } = await chattingPair(server);
    const socket = await sockets.connect(server.url, bob.accessToken);
    const closed = nextEvent<string>(socket, 'disconnect');
    await deactivate(bob);
    expect(await closed).toBe('io server disconnect');

    await expect(sockets.connect(server.url, bob.accessToken)).rejects.toThrow('unauthorized');
    const rest = await api()
      .post(`/api/chats/${chatId}/messages`)
      .set(bob.auth)
      .send({ clientMsgId: 'queued', content: 'sent while offline' })
      .expect(401);
    expect(rest.body.error.message).toBe('This session has been signed out');
    await api().post('/api/auth/refresh').send({ refreshToken: bob.refreshToken }).expect(401);
    const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
    expect(history.body.messages).toEqual([]);
    expect(await server.prisma.message.count({ where: { chatId } })).toBe(0);
  });
});

describe('the audit log', () => {
  it('records every admin action with who, what, whom and when, newest first, page by page', async () => {
    const person = await registerUser(server);
    const as = adminApi(server, admin);
    await as.setRole(person.id, 'admin').expect(200);
    await as.deactivate(person.id).expect(200);
    await as.reactivate(person.id).expect(200);

    const first = await api().get('/api/admin/audit').query({ limit: 2 }).set(admin.auth).expect(200);
    const actor = { id: admin.id, label: admin.username };
    const target = { id: person.id, label: person.username };
    expect(first.body.entries).toEqual([
      { id: expect.any(String), actor, action: 'user.reactivate', target, details: {}, createdAt: expect.any(String) },
      {
        id: expect.any(String),
        actor,
        action: 'user.deactivate',
        target,
        details: { sessionsEnded: 1, groupsHandedOver: 0 },
        createdAt: expect.any(String),
      },
    ]);
    const second = await api()
      .get('/api/admin/audit')
      .query({ limit: 1, cursor: first.body.nextCursor })
      .set(admin.auth)
      .expect(200);
    expect(second.body.entries[0]).toMatchObject({
      action: 'user.role',
      target,
      details: { role: 'admin', previousRole: 'member' },
    });
  });

  it('is append-only: the database refuses to change or remove an entry', async () => {
    const [entry] = await server.prisma.auditLogEntry.findMany({ take: 1 });
    expect(entry).toBeDefined();
    await expect(server.prisma.$executeRaw`UPDATE audit_log SET action = 'forged'`).rejects.toThrow(/append-only/);
    await expect(server.prisma.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    expect(await server.prisma.auditLogEntry.findUnique({ where: { id: entry!.id } })).toEqual(entry);
  });

  it('is not written when the change fails', async () => {
    const before = await server.prisma.auditLogEntry.count();
    await adminApi(server, admin).deactivate(admin.id).expect(409);
    expect(await server.prisma.auditLogEntry.count()).toBe(before);
  });
});
