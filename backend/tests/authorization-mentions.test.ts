import request from 'supertest';
import { buildWorld, type SignedInRole, type World } from './helpers/authz-world';
import { useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';

/**
 * Mentions in the authorization matrix's world (helpers/authz-world.ts): the owner names every role in a message of
 * their group. Only a current member is mentioned: the `mention:new` event, the message's `mentions`, the chat's
 * mentionCount and the `mentions=me` search reach exactly them. (The search operation itself is a row of the REST
 * matrix; generated garbage in `mentions` is in fuzz.test.ts.)
 */

const server = useTestServer({ REGISTRATION_RATE_LIMIT_PER_HOUR: '100000', RATE_LIMIT_MAX_REQUESTS: '1000000' });
const sockets = useTestSockets();

/** Whether a mention of the role by the owner, in the owner's group, mentions them. */
// prettier-ignore
const MENTIONED: Record<SignedInRole, boolean> = {
  stranger: false, contact: false, removed: false, member: true,
  owner: false, // nobody mentions themselves
};
const ROLES = Object.keys(MENTIONED) as SignedInRole[];

let world: World;
let message: { id: string; mentions: string[] };
const heard = new Map<SignedInRole, string[]>();

beforeAll(async () => {
  world = await buildWorld(server);
  for (const role of ROLES) {
    const socket = await sockets.connect(server.url, world.users[role].accessToken);
    heard.set(role, []);
    socket.on('mention:new', (event: { messageId: string }) => heard.get(role)?.push(event.messageId));
  }
  const names = ROLES.map((role) => `@${world.users[role].username}`).join(' ');
  const sent = await request(server.url)
    .post(`/api/chats/${world.groupId}/messages`)
    .set(world.users.owner.auth)
    .send({ clientMsgId: 'mention-every-role', content: `${names} please read` })
    .expect(201);
  message = sent.body.message as typeof message;
  // The member's event is the one that comes; the others have had as long to arrive.
  for (let waited = 0; !heard.get('member')?.length && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(() => sockets.disconnectAll());

it.each(ROLES)('%s: mentioned exactly when a member other than the sender', async (role) => {
  const userId = world.users[role].id;
  const mentioned = MENTIONED[role];
  const search = await request(server.url).get('/api/search').query({ mentions: 'me' }).set(world.users[role].auth);
  const found = (search.body as { results: { message: { id: string } }[] }).results.map((r) => r.message.id);
  const chat = await request(server.url).get(`/api/chats/${world.groupId}`).set(world.users[role].auth);
  expect({
    inMessage: message.mentions.includes(userId),
    event: heard.get(role),
    search: { status: search.status, found: found.includes(message.id) },
    mentionCount: chat.status === 200 ? (chat.body as { chat: { mentionCount: number } }).chat.mentionCount : null,
  }).toEqual({
    inMessage: mentioned,
    event: mentioned ? [message.id] : [],
    search: { status: 200, found: mentioned },
    mentionCount: mentioned ? 1 : role === 'owner' ? 0 : null,
  });
});
