import { Client } from 'pg';
import request from 'supertest';
import type { TestServer } from './test-server';
import { makeContacts, registerUser, type TestUser } from './users';

export type GroupChat = {
  id: string;
  ownerId: string;
  name: string;
  participants: { user: { id: string }; role: string }[];
};

export async function ownerWithContacts(
  server: TestServer,
  count: number,
): Promise<{ owner: TestUser; members: TestUser[] }> {
  const owner = await registerUser(server);
  const members: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const member = await registerUser(server);
    await makeContacts(server, owner, member);
    members.push(member);
  }
  return { owner, members };
}

export async function createGroup(
  server: TestServer,
  owner: TestUser,
  members: TestUser[],
  name = 'Team',
): Promise<GroupChat> {
  const response = await request(server.url)
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name, memberIds: members.map((member) => member.id) })
    .expect(201);
  return response.body.chat as GroupChat;
}

/**
 * An owner and a member (contacts) in a group, and an outsider: in no group with them and no contact of theirs. The
 * start of the tests of what a group's members may do to its messages, and what anyone else may not.
 */
export async function groupWithOutsider(
  server: TestServer,
  name: string,
): Promise<{ owner: TestUser; member: TestUser; outsider: TestUser; chatId: string }> {
  const { owner, members } = await ownerWithContacts(server, 1);
  const outsider = await registerUser(server);
  const chat = await createGroup(server, owner, members, name);
  return { owner, member: members[0]!, outsider, chatId: chat.id };
}

export const groupHistory = async (server: TestServer, user: TestUser, chatId: string) =>
  (await request(server.url).get(`/api/chats/${chatId}/messages`).set(user.auth).expect(200)).body.messages as {
    type: string;
    content: string;
    sender: unknown;
  }[];

/**
 * Runs group changes at the same moment, in a known order. A session of the test's own holds the chat's row lock,
 * as a change in flight would; each change starts once the ones before it wait on that lock, and the lock is released
 * as soon as the last one waits (a transaction may wait only seconds for it). They then run one after the other.
 */
export async function runQueued(
  server: TestServer,
  chatId: string,
  changes: (() => request.Test)[],
): Promise<request.Response[]> {
  const session = new Client({ connectionString: server.databaseUrl });
  await session.connect();
  const responses: Promise<request.Response>[] = [];
  try {
    await session.query('BEGIN');
    await session.query('SELECT 1 FROM chats WHERE id = $1 FOR UPDATE', [chatId]);
    for (const change of changes) {
      responses.push(change().then((response) => response));
      await waitForLockWaiters(session, responses.length);
    }
  } finally {
    await session.query('ROLLBACK');
    await session.end();
  }
  return Promise.all(responses);
}

/** Resolves once `count` statements wait for a lock that `session` (in a transaction) holds. */
export async function waitForLockWaiters(session: Client, count: number): Promise<void> {
  for (let waited = 0; ; waited += 20) {
    // Inside a transaction PostgreSQL keeps showing the activity it saw first: drop that snapshot each time.
    await session.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await session.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]!.waiting >= count) return;
    if (waited > 20_000) throw new Error(`${rows[0]!.waiting} of ${count} changes queued on the chat`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
