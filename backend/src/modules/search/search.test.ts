import request from 'supertest';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';
import { splitQuery } from './search.service';

const server = useTestServer();
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let teamId: string;
let otherId: string;
let counter = 0;

const send = async (user: TestUser, chatId: string, content: string) =>
  (
    await request(server.url)
      .post(`/api/chats/${chatId}/messages`)
      .set(user.auth)
      .send({ clientMsgId: `s${++counter}`, content })
      .expect(201)
  ).body.message as { id: string; seq: number; content: string };

const search = async (user: TestUser, query: Record<string, string>) =>
  (await request(server.url).get('/api/search').query(query).set(user.auth).expect(200)).body as {
    results: {
      message: { id: string; content: string };
      chat: { id: string; name: string };
      highlight: { text: string; match: boolean }[];
    }[];
    nextCursor: string | null;
    total: number;
  };
const contents = (body: Awaited<ReturnType<typeof search>>) => body.results.map((result) => result.message.content);

beforeAll(async () => {
  [alice, bob, eve] = [await registerUser(server), await registerUser(server), await registerUser(server)];
  await makeContacts(server, alice, bob);
  await makeContacts(server, alice, eve);
  const team = await request(server.url)
    .post('/api/chats/group')
    .set(alice.auth)
    .send({ name: 'Team', memberIds: [bob.id] });
  const other = await request(server.url)
    .post('/api/chats/group')
    .set(alice.auth)
    .send({ name: 'Other', memberIds: [eve.id] });
  teamId = team.body.chat.id;
  otherId = other.body.chat.id;
  await send(alice, teamId, 'Lunch at the café on Friday?');
  await send(bob, teamId, 'The deployment failed again, see the logs');
  await send(alice, teamId, 'deployment fixed');
  await send(eve, otherId, 'Secret deployment plans for the other team');
});

it('finds words in the chats you are in, best match first, never elsewhere', async () => {
  const forBob = await search(bob, { q: 'deployment' });
  expect(contents(forBob)).toEqual(['deployment fixed', 'The deployment failed again, see the logs']);
  expect(forBob.results[0]?.chat).toEqual({ id: teamId, type: 'group', name: 'Team' });
  const forAlice = await search(alice, { q: 'deployment' });
  expect(contents(forAlice)).toHaveLength(3);
  expect(contents(await search(alice, { q: 'deployment', chatId: otherId }))).toEqual([
    'Secret deployment plans for the other team',
  ]);
  expect(contents(await search(bob, { q: 'deployment', chatId: otherId }))).toEqual([]);
});

it('supports phrases, exclusion, or, accents and prefixes as you type', async () => {
  expect(contents(await search(bob, { q: '"failed again"' }))).toEqual(['The deployment failed again, see the logs']);
  expect(contents(await search(bob, { q: 'deployment -fixed' }))).toEqual([
    'The deployment failed again, see the logs',
  ]);
  expect(contents(await search(bob, { q: 'lunch or logs' }))).toHaveLength(2);
  expect(contents(await search(bob, { q: 'cafe' }))).toEqual(['Lunch at the café on Friday?']);
  expect(contents(await search(bob, { q: 'CAFÉ' }))).toEqual(['Lunch at the café on Friday?']);
  expect(contents(await search(bob, { q: 'depl' }))).toHaveLength(2);
  expect(contents(await search(bob, { q: 'lunch fri' }))).toEqual(['Lunch at the café on Friday?']);
});

it('highlights matches as segments, never as markup', async () => {
  const html = await send(bob, teamId, 'deploy <b>now</b> <script>x</script> Café');
  const [hit] = (await search(bob, { q: 'now cafe' })).results;
  expect(hit?.message.id).toBe(html.id);
  expect(hit?.highlight.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['now', 'Café']);
  expect(hit?.highlight.map((segment) => segment.text).join('')).toBe(html.content);
});

it('forgets deleted messages, follows edits, and drops a chat you left', async () => {
  const message = await send(bob, teamId, 'temporary zebra');
  expect(contents(await search(bob, { q: 'zebra' }))).toHaveLength(1);
  await request(server.url).put(`/api/messages/${message.id}`).set(bob.auth).send({ content: 'temporary giraffe' });
  expect(contents(await search(bob, { q: 'zebra' }))).toEqual([]);
  expect(contents(await search(bob, { q: 'giraffe' }))).toEqual(['temporary giraffe']);
  await request(server.url).delete(`/api/messages/${message.id}`).set(bob.auth).expect(200);
  expect(contents(await search(bob, { q: 'giraffe' }))).toEqual([]);

  await request(server.url).delete(`/api/chats/${teamId}/participants/${bob.id}`).set(bob.auth).expect(204);
  expect(contents(await search(bob, { q: 'deployment' }))).toEqual([]);
  expect(contents(await search(bob, { q: 'created' }))).toEqual([]);
});

it('pages with a cursor and validates its input', async () => {
  for (let i = 0; i < 5; i++) await send(alice, otherId, `paging word ${i}`);
  const first = await search(alice, { q: 'paging', limit: '2' });
  expect(first.results).toHaveLength(2);
  expect(first.total).toBe(5);
  const second = await search(alice, { q: 'paging', limit: '2', cursor: first.nextCursor ?? '' });
  const third = await search(alice, { q: 'paging', limit: '2', cursor: second.nextCursor ?? '' });
  expect(third.nextCursor).toBeNull();
  expect(third.total).toBe(5);
  const ids = [...first.results, ...second.results, ...third.results].map((result) => result.message.id);
  expect(new Set(ids).size).toBe(5);
  await request(server.url).get('/api/search').set(alice.auth).expect(400);
  await request(server.url).get('/api/search?q=x&cursor=abc').set(alice.auth).expect(400);
  await request(server.url).get('/api/search?q=x&chatId=nope').set(alice.auth).expect(400);
  await request(server.url).get('/api/search?q=x').expect(401);
  expect(await search(alice, { q: '!!! & |' })).toEqual({ results: [], nextCursor: null, total: 0 });
});

it('treats the last word as a prefix only when it is a plain word being typed', () => {
  expect(splitQuery('deploy fri')).toEqual({ websearch: 'deploy', prefix: 'fri:*' });
  expect(splitQuery('"exact phrase')).toEqual({ websearch: '"exact phrase', prefix: null });
  expect(splitQuery('cats -dogs')).toEqual({ websearch: 'cats -dogs', prefix: null });
  expect(splitQuery('cats or')).toEqual({ websearch: 'cats or', prefix: null });
  expect(splitQuery('lunch or logs')).toEqual({ websearch: 'lunch or logs', prefix: null });
});
