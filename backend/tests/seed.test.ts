import request from 'supertest';
import { SEED_PASSWORD, seed } from '../src/db/seed';
import { useTestServer } from './helpers/test-server';

const server = useTestServer();

it('seeds users who can sign in and find their chats and history, once', async () => {
  expect(await seed(server.prisma, 4)).toBe('seeded');
  expect(await seed(server.prisma, 4)).toBe('already seeded');

  const login = await request(server.url)
    .post('/api/auth/login')
    .send({ username: 'bob', password: SEED_PASSWORD })
    .expect(200);
  const auth = { Authorization: `Bearer ${login.body.accessToken}` };
  const chats = await request(server.url).get('/api/chats').set(auth).expect(200);
  expect(chats.body.chats.map((chat: { type: string }) => chat.type).sort()).toEqual(['direct', 'group']);
  const group = chats.body.chats.find((chat: { type: string }) => chat.type === 'group');
  const history = await request(server.url).get(`/api/chats/${group.id}/messages`).set(auth).expect(200);
  expect(history.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
  const contacts = await request(server.url).get('/api/contacts').set(auth).expect(200);
  expect(contacts.body.contacts).toHaveLength(3);
});
