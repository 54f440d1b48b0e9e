import request from 'supertest';
import { useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();

it('finds users by username prefix or display name, never yourself', async () => {
  const me = await registerUser(server, 'searcher');
  const target = await registerUser(server, 'sea_otter');
  await registerUser(server, 'unrelated');

  const byPrefix = await request(server.url).get('/api/users/search?q=SEA').set(me.auth).expect(200);
  expect(byPrefix.body.users.map((user: { id: string }) => user.id)).toEqual([target.id]);

  const byDisplayName = await request(server.url).get('/api/users/search?q=otter').set(me.auth).expect(200);
  expect(byDisplayName.body.users).toHaveLength(1);
  expect(byDisplayName.body.users[0]).toEqual({
    id: target.id,
    username: 'sea_otter',
    displayName: 'User sea_otter',
    avatarUrl: null,
    online: null,
    lastSeenAt: null,
  });

  await request(server.url).get('/api/users/search').set(me.auth).expect(400);
});

it('shows a profile with whether the user is a contact', async () => {
  const me = await registerUser(server);
  const friend = await registerUser(server);
  const profileBefore = await request(server.url).get(`/api/users/${friend.id}`).set(me.auth).expect(200);
  expect(profileBefore.body.user.isContact).toBe(false);
  await makeContacts(server, me, friend);
  const profileAfter = await request(server.url).get(`/api/users/${friend.id}`).set(me.auth).expect(200);
  expect(profileAfter.body.user.isContact).toBe(true);

  await request(server.url).get('/api/users/00000000-0000-4000-8000-000000000000').set(me.auth).expect(404);
  await request(server.url).get('/api/users/not-an-id').set(me.auth).expect(400);
});

describe('presence', () => {
  const presenceOf = (user: { online: unknown; lastSeenAt: unknown }) => ({
    online: user.online,
    lastSeenAt: user.lastSeenAt,
  });
  const profile = async (viewer: TestUser, user: TestUser) =>
    (await request(server.url).get(`/api/users/${user.id}`).set(viewer.auth).expect(200)).body.user;
  const found = async (viewer: TestUser, user: TestUser) => {
    const response = await request(server.url).get(`/api/users/search?q=${user.username}`).set(viewer.auth).expect(200);
    return response.body.users.find((candidate: { id: string }) => candidate.id === user.id);
  };
  const askToConnect = async (from: TestUser, to: TestUser) =>
    (await request(server.url).post('/api/contacts/requests').set(from.auth).send({ userId: to.id }).expect(201)).body
      .request;

  /** Signed in on a device now, and seen before: both fields have something to hide. */
  async function onlineUser(): Promise<TestUser> {
    const user = await registerUser(server);
    await server.prisma.user.update({ where: { id: user.id }, data: { lastSeenAt: new Date('2026-01-02T03:04:05Z') } });
    await sockets.connect(server.url, user.accessToken);
    return user;
  }
  const visible = { online: true, lastSeenAt: '2026-01-02T03:04:05.000Z' };
  const hidden = { online: null, lastSeenAt: null };

  it('shows it to contacts and people who share a chat, and to nobody else', async () => {
    const target = await onlineUser();
    const contact = await registerUser(server);
    await makeContacts(server, contact, target);
    // The contact sees the target online first: from then on, null for anyone else is hiding, not lag.
    for (let tries = 0; (await profile(contact, target)).online !== true; tries++) {
      if (tries > 100) throw new Error('the target never showed as online');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(presenceOf(await profile(contact, target))).toEqual(visible);
    expect(presenceOf(await found(contact, target))).toEqual(visible);

    const stranger = await onlineUser();
    expect(presenceOf(await profile(stranger, target))).toEqual(hidden);
    expect(presenceOf(await found(stranger, target))).toEqual(hidden);
    const asked = await askToConnect(stranger, target);
    expect(presenceOf(asked.to)).toEqual(hidden);
    expect(asked.from.lastSeenAt).toBe(visible.lastSeenAt); // their own, in the same payload
    const pending = await request(server.url).get('/api/contacts/requests').set(target.auth).expect(200);
    expect(presenceOf(pending.body.incoming[0].from)).toEqual(hidden);

    // A group co-member who is not a contact sees it, while they share the group.
    const coMember = await registerUser(server);
    await makeContacts(server, contact, coMember);
    const group = await request(server.url)
      .post('/api/chats/group')
      .set(contact.auth)
      .send({ name: 'Shared', memberIds: [target.id, coMember.id] })
      .expect(201);
    expect(presenceOf(await profile(coMember, target))).toEqual(visible);
    expect(presenceOf(await found(coMember, target))).toEqual(visible);
    expect(presenceOf((await askToConnect(coMember, target)).to)).toEqual(visible);

    await request(server.url)
      .delete(`/api/chats/${group.body.chat.id}/participants/${coMember.id}`)
      .set(coMember.auth)
      .expect(204);
    expect(presenceOf(await profile(coMember, target))).toEqual(hidden);
  });
});

describe('search ranking', () => {
  it('puts the exact username first, then username prefixes, then display-name words; fuzzy only for typos', async () => {
    const me = await registerUser(server, 'rank_viewer');
    const names = ['marta', 'martin', 'martina_k', 'smartie'];
    const ids = new Map<string, string>();
    for (const name of names) ids.set(name, (await registerUser(server, name)).id);
    await request(server.url).put('/api/users/me').set(me.auth).send({ displayName: 'Viewer' }).expect(200);
    const byWord = await registerUser(server, 'zz_word');
    await request(server.url).put('/api/users/me').set(byWord.auth).send({ displayName: 'Anna Martell' }).expect(200);

    const response = await request(server.url).get('/api/users/search?q=martin').set(me.auth).expect(200);
    const usernames = response.body.users.map((user: { username: string }) => user.username);
    expect(usernames.slice(0, 2)).toEqual(['martin', 'martina_k']);
    expect(usernames).not.toContain('rank_viewer');

    const words = await request(server.url).get('/api/users/search?q=mart').set(me.auth).expect(200);
    const order = words.body.users.map((user: { username: string }) => user.username);
    expect(order.slice(0, 3)).toEqual(['marta', 'martin', 'martina_k']);
    expect(order).toContain('zz_word');
    // A mere trigram resemblance is noise next to real matches.
    expect(order).not.toContain('smartie');

    const typo = await request(server.url).get('/api/users/search?q=martinn').set(me.auth).expect(200);
    expect(typo.body.users.map((user: { username: string }) => user.username)).toContain('martin');
    const fuzzyOnly = await request(server.url).get('/api/users/search?q=smarty').set(me.auth).expect(200);
    expect(fuzzyOnly.body.users.map((user: { username: string }) => user.username)).toContain('smartie');
  });

  it('treats LIKE wildcards in the query as text and caps the limit at 50', async () => {
    const me = await registerUser(server, 'wild_viewer');
    await registerUser(server, 'plain');
    const underscore = await request(server.url).get('/api/users/search?q=_').set(me.auth).expect(200);
    expect(underscore.body.users.every((user: { username: string }) => user.username.includes('_'))).toBe(true);
    const percent = await request(server.url).get('/api/users/search?q=%25').set(me.auth).expect(200);
    expect(percent.body.users).toEqual([]);
    await request(server.url).get('/api/users/search?q=a&limit=51').set(me.auth).expect(400);
    await request(server.url).get('/api/users/search?q=a&limit=50').set(me.auth).expect(200);
  });
});

describe('my profile', () => {
  it('changes the display name, trimmed, and everyone sees the new one', async () => {
    const me = await registerUser(server);
    const other = await registerUser(server);
    const updated = await request(server.url)
      .put('/api/users/me')
      .set(me.auth)
      .send({ displayName: '  Renamed Person ' })
      .expect(200);
    expect(updated.body.user).toMatchObject({ id: me.id, displayName: 'Renamed Person' });
    const seen = await request(server.url).get(`/api/users/${me.id}`).set(other.auth).expect(200);
    expect(seen.body.user.displayName).toBe('Renamed Person');
  });

  it.each([
    [{}, '(body)'],
    [{ displayName: '' }, 'displayName'],
    [{ displayName: 'x'.repeat(65) }, 'displayName'],
    [{ username: 'cannot-change' }, '(body)'],
    [{ avatarAttachmentId: 'nope' }, 'avatarAttachmentId'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const me = await registerUser(server);
    const response = await request(server.url).put('/api/users/me').set(me.auth).send(body).expect(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it("refuses someone else's image as avatar", async () => {
    const me = await registerUser(server);
    const response = await request(server.url)
      .put('/api/users/me')
      .set(me.auth)
      .send({ avatarAttachmentId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(response.body.error.details[0].field).toBe('avatarAttachmentId');
  });
});
