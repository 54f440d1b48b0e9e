import request from 'supertest';
import type { TestServer } from './test-server';

/** Where the helpers send their requests: a test server, or any backend (a process of its own) by its URL. */
type Backend = Pick<TestServer, 'url'>;

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let counter = 0;

export async function registerUser(server: Backend, name?: string): Promise<TestUser> {
  const username = name ?? `user${++counter}_${process.pid}`;
  const response = await request(server.url)
    .post('/api/auth/register')
    .send({ username, password: 'correct horse battery', displayName: `User ${username}` })
    .expect(201);
  const { user, accessToken, refreshToken } = response.body as {
    user: { id: string; displayName: string };
    accessToken: string;
    refreshToken: string;
  };
  return {
    id: user.id,
    username,
    displayName: user.displayName,
    accessToken,
    refreshToken,
    auth: { Authorization: `Bearer ${accessToken}` },
  };
}

/** Two users who are contacts, the way the web app makes them: request, then accept. */
export async function makeContacts(server: Backend, a: TestUser, b: TestUser): Promise<void> {
  const sent = await request(server.url).post('/api/contacts/requests').set(a.auth).send({ userId: b.id }).expect(201);
  await request(server.url)
    .post(`/api/contacts/requests/${(sent.body as { request: { id: string } }).request.id}/accept`)
    .set(b.auth)
    .expect(200);
}

export async function openDirectChat(server: Backend, a: TestUser, b: TestUser): Promise<string> {
  const response = await request(server.url).post('/api/chats/direct').set(a.auth).send({ userId: b.id });
  return (response.body as { chat: { id: string } }).chat.id;
}

/** Two fresh users who are contacts, with their direct chat: the start of most real-time tests. */
export async function chattingPair(server: Backend): Promise<{ alice: TestUser; bob: TestUser; chatId: string }> {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await makeContacts(server, alice, bob);
  return { alice, bob, chatId: await openDirectChat(server, alice, bob) };
}
