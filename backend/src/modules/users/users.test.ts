import request from 'supertest';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser } from '../../../tests/helpers/users';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

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
    online: false,
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
