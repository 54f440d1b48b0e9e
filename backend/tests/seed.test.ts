import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { SEED_PASSWORD, seed } from '../src/db/seed';
import { createPrisma } from '../src/db/prisma';
import { TEST_SIGNING_SECRETS } from './helpers/signing-secrets';
import { createTestDatabase } from './helpers/test-database';
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
  // The database had no account, so no admin: alice is its admin, the others members.
  const roles = await server.prisma.user.findMany({
    select: { username: true, role: true },
    orderBy: { username: 'asc' },
  });
  expect(roles.map(({ username, role }) => `${username}:${role}`)).toEqual([
    'alice:admin',
    'bob:member',
    'carol:member',
    'dave:member',
  ]);
});

it('`npm run seed` refuses to run with NODE_ENV=production: its users have a published password', async () => {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  try {
    const result = spawnSync(
      process.execPath,
      ['--conditions=@messenger/source', '--import', 'tsx', 'src/db/seed.ts'],
      {
        cwd: join(__dirname, '..'),
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_ENV: 'production',
          DATABASE_URL: database.url,
          ...TEST_SIGNING_SECRETS,
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refuses to run with NODE_ENV=production');
    expect(await prisma.user.count()).toBe(0);
  } finally {
    await prisma.$disconnect();
    await database.drop();
  }
}, 60_000);
