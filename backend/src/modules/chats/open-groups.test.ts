import request from 'supertest';
import { createGroup, groupHistory, ownerWithContacts, type GroupChat } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { openDirectChat, registerUser, type TestUser } from '../../../tests/helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

const api = () => request(server.url);

type Found = { id: string; name: string; memberCount: number; owner: { id: string } | null };

/** An open group of a fresh owner, with `memberCount - 1` of the owner's contacts in it. */
async function openGroup(name: string, memberCount = 1): Promise<{ owner: TestUser; chat: GroupChat }> {
  const { owner, members } = await ownerWithContacts(server, memberCount - 1);
  const response = await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name, memberIds: members.map((member) => member.id), visibility: 'open' })
    .expect(201);
  return { owner, chat: response.body.chat as GroupChat };
}

const discover = async (user: TestUser, query: Record<string, string> = {}) =>
  (await api().get('/api/chats/discover').set(user.auth).query(query).expect(200)).body.chats as Found[];

const join = (user: TestUser, chatId: string) => api().post(`/api/chats/${chatId}/join`).set(user.auth);

describe('discovery', () => {
  it('lists open groups the caller is not in, by name in any case, with their size and owner; never private ones', async () => {
    const tag = `Zebra${process.pid}x${Date.now() % 100000}`;
    const big = await openGroup(`${tag} Lovers`, 3);
    const small = await openGroup(`the ${tag.toLowerCase()} club`);
    const { owner: privateOwner } = await ownerWithContacts(server, 0);
    await createGroup(server, privateOwner, [], `${tag} secret`);
    const visitor = await registerUser(server);

    const found = await discover(visitor, { q: tag.toUpperCase() });
    expect(found.map((group) => [group.name, group.memberCount, group.owner?.id])).toEqual([
      [`${tag} Lovers`, 3, big.owner.id],
      [`the ${tag.toLowerCase()} club`, 1, small.owner.id],
    ]);
    expect(found[0]).toEqual({
      id: big.chat.id,
      name: `${tag} Lovers`,
      avatarUrl: null,
      memberCount: 3,
      owner: expect.objectContaining({ id: big.owner.id, username: big.owner.username }),
      createdAt: expect.any(String),
    });
    // Members do not find their own group; a limit cuts the list.
    expect((await discover(big.owner, { q: tag })).map((group) => group.id)).toEqual([small.chat.id]);
    expect(await discover(visitor, { q: tag, limit: '1' })).toHaveLength(1);
    expect((await discover(visitor)).map((group) => group.id)).toEqual(
      expect.arrayContaining([big.chat.id, small.chat.id]),
    );
  });

  it('matches % and _ in a search literally', async () => {
    const tag = `pct${process.pid}`;
    const literal = await openGroup(`${tag} 100% real`);
    await openGroup(`${tag} 100 real`);
    const visitor = await registerUser(server);
    expect((await discover(visitor, { q: `${tag} 100%` })).map((group) => group.id)).toEqual([literal.chat.id]);
    expect(await discover(visitor, { q: `${tag}_` })).toEqual([]);
  });

  it('refuses a search that is too long, a limit out of range and unknown parameters, saying which', async () => {
    const visitor = await registerUser(server);
    const refused = async (query: Record<string, string>) =>
      (await api().get('/api/chats/discover').set(visitor.auth).query(query).expect(400)).body.error;
    expect(await refused({ q: 'x'.repeat(101) })).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'q', message: 'must be at most 100 characters' }],
    });
    expect(await refused({ limit: '51' })).toMatchObject({
      details: [{ field: 'limit', message: 'must be at most 50' }],
    });
    expect(await refused({ limit: 'lots' })).toMatchObject({ details: [{ field: 'limit' }] });
    expect(await refused({ owner: 'me' })).toMatchObject({ code: 'VALIDATION_ERROR' });
    await api().get('/api/chats/discover').expect(401);
  });

  it('leaves out groups whose owner and the caller blocked one another, and refuses them the join', async () => {
    const tag = `blk${process.pid}`;
    const { owner, chat } = await openGroup(`${tag} group`);
    const [blockedByOwner, blocksOwner, bystander] = await Promise.all([1, 2, 3].map(() => registerUser(server)));
    await api().post(`/api/users/${blockedByOwner!.id}/block`).set(owner.auth).expect(204);
    await api().post(`/api/users/${owner.id}/block`).set(blocksOwner!.auth).expect(204);

    expect(await discover(blockedByOwner!, { q: tag })).toEqual([]);
    expect(await discover(blocksOwner!, { q: tag })).toEqual([]);
    expect((await discover(bystander!, { q: tag })).map((group) => group.id)).toEqual([chat.id]);
    expect((await join(blockedByOwner!, chat.id).expect(403)).body.error.code).toBe('BLOCKED');
    expect((await join(blocksOwner!, chat.id).expect(403)).body.error.message).toMatch(/unblock them to join/);
  });
});

describe('joining', () => {
  it("lets anyone join, not only the owner's contacts: a system message, the group to every device of the joiner, the new member to the others", async () => {
    const { owner, chat } = await openGroup('Open house', 2);
    await api()
      .post(`/api/chats/${chat.id}/messages`)
      .set(owner.auth)
      .send({ clientMsgId: 'before', content: 'history before you came' })
      .expect(201);
    const joiner = await registerUser(server);
    const [ownerSocket, joinerOtherDevice] = await Promise.all([
      sockets.connect(server.url, owner.accessToken),
      sockets.connect(server.url, joiner.accessToken),
    ]);
    const ownerUpdated = nextEvent<{ chat: GroupChat }>(ownerSocket, 'chat:updated');
    const ownerMessage = nextEvent<{ message: { content: string } }>(ownerSocket, 'message:new');
    const joinerCreated = nextEvent<{ chat: GroupChat }>(joinerOtherDevice, 'chat:created');
    const joinerMessage = nextEvent<{ message: { content: string } }>(joinerOtherDevice, 'message:new');

    const joined = (await join(joiner, chat.id).expect(200)).body.chat;
    // As for an added member, the system message that records it is their first unread one.
    expect(joined).toMatchObject({ id: chat.id, visibility: 'open', unreadCount: 1 });
    expect(joined.participants.map((p: { user: { id: string } }) => p.user.id)).toContain(joiner.id);
    expect((await ownerUpdated).chat.participants).toHaveLength(3);
    expect((await joinerCreated).chat).toMatchObject({ id: chat.id, unreadCount: 1 });
    const announced = `${joiner.displayName} joined the group`;
    expect((await ownerMessage).message.content).toBe(announced);
    expect((await joinerMessage).message.content).toBe(announced);

    // The whole history is theirs to read, and they write like any member.
    const history = await groupHistory(server, joiner, chat.id);
    expect(history.map((message) => message.content)).toEqual([
      expect.stringMatching(/created the open group "Open house"/),
      'history before you came',
      announced,
    ]);
    await api()
      .post(`/api/chats/${chat.id}/messages`)
      .set(joiner.auth)
      .send({ clientMsgId: 'hello', content: 'hello all' })
      .expect(201);
  });

  it('answers a second join as the first, with no second system message', async () => {
    const { chat } = await openGroup('Twice');
    const joiner = await registerUser(server);
    await join(joiner, chat.id).expect(200);
    const again = await join(joiner, chat.id).expect(200);
    expect(again.body.chat.participants).toHaveLength(2);
    const joins = (await groupHistory(server, joiner, chat.id)).filter((message) => /joined/.test(message.content));
    expect(joins).toHaveLength(1);
  });

  it('never reveals a private group: 404 like an unknown id or a direct chat of others', async () => {
    const { owner, members } = await ownerWithContacts(server, 1);
    const privateGroup = await createGroup(server, owner, members);
    const direct = await openDirectChat(server, owner, members[0]!);
    const outsider = await registerUser(server);
    for (const chatId of [privateGroup.id, direct, '00000000-0000-4000-8000-000000000000']) {
      expect((await join(outsider, chatId).expect(404)).body.error.code).toBe('NOT_FOUND');
    }
    // Its members learn nothing new either: they are in it already.
    await join(members[0]!, privateGroup.id).expect(200);
    expect((await join(outsider, 'not-an-id').expect(400)).body.error.details).toEqual([
      { field: 'id', message: 'must be a chat id' },
    ]);
    expect(await server.prisma.chatParticipant.count({ where: { chatId: privateGroup.id } })).toBe(2);
  });

  it('lets a joiner leave as any member does, after which the group is found again', async () => {
    const tag = `leave${process.pid}`;
    const { chat } = await openGroup(`${tag} room`);
    const joiner = await registerUser(server);
    await join(joiner, chat.id).expect(200);
    expect(await discover(joiner, { q: tag })).toEqual([]);
    await api().delete(`/api/chats/${chat.id}/participants/${joiner.id}`).set(joiner.auth).expect(204);
    await api().get(`/api/chats/${chat.id}`).set(joiner.auth).expect(404);
    expect((await discover(joiner, { q: tag })).map((group) => group.id)).toEqual([chat.id]);
  });
});

describe('visibility', () => {
  it('is private by default, and refuses a value that is neither', async () => {
    const { owner } = await ownerWithContacts(server, 0);
    const chat = await createGroup(server, owner, []);
    expect(chat).toMatchObject({ visibility: 'private' });
    const refused = await api()
      .post('/api/chats/group')
      .set(owner.auth)
      .send({ name: 'Odd', memberIds: [], visibility: 'public' })
      .expect(400);
    expect(refused.body.error.details).toEqual([{ field: 'visibility', message: 'must be "private" or "open"' }]);
  });

  it('is switched by the owner alone, with a system message and chat:updated to the members', async () => {
    const tag = `switch${process.pid}`;
    const { owner, members } = await ownerWithContacts(server, 1);
    const [member] = members as [TestUser];
    const chat = await createGroup(server, owner, [member], `${tag} team`);
    const outsider = await registerUser(server);
    expect(await discover(outsider, { q: tag })).toEqual([]);

    await api().put(`/api/chats/${chat.id}`).set(member.auth).send({ visibility: 'open' }).expect(403);
    const memberSocket = await sockets.connect(server.url, member.accessToken);
    const updated = nextEvent<{ chat: { visibility: string } }>(memberSocket, 'chat:updated');
    const opened = await api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ visibility: 'open' }).expect(200);
    expect(opened.body.chat.visibility).toBe('open');
    expect((await updated).chat.visibility).toBe('open');
    expect((await discover(outsider, { q: tag })).map((group) => group.id)).toEqual([chat.id]);

    // Asking for what it is already writes nothing.
    await api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ visibility: 'open' }).expect(200);
    await api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ visibility: 'private' }).expect(200);
    const changes = (await groupHistory(server, member, chat.id)).map((message) => message.content).slice(1);
    expect(changes).toEqual([
      `${owner.displayName} made the group open`,
      `${owner.displayName} made the group private`,
    ]);
    expect(await discover(outsider, { q: tag })).toEqual([]);
    await join(outsider, chat.id).expect(404);
  });
});
