import bcrypt from 'bcrypt';
import { MessagesRepository } from '../modules/messages/messages.repository';
import { directKeyOf } from '../modules/chats/chats.repository';
import { runDatabaseCommand } from './database-command';
import { migrate } from './migrate';
import { createPrisma, type PrismaClient } from './prisma';

export const SEED_PASSWORD = 'password123';
const PEOPLE = [
  ['alice', 'Alice Anderson'],
  ['bob', 'Bob Brown'],
  ['carol', 'Carol Chen'],
  ['dave', 'Dave Diaz'],
] as const;

/** Demo data for local development: four users who know each other, a direct chat and a group with history. */
export async function seed(prisma: PrismaClient, bcryptRounds: number): Promise<'seeded' | 'already seeded'> {
  if (await prisma.user.findUnique({ where: { usernameNormalized: 'alice' } })) return 'already seeded';
  const passwordHash = await bcrypt.hash(SEED_PASSWORD, bcryptRounds);
  // A seeded installation has an admin, as one whose first account registered: alice, when it has none yet.
  const adminless = (await prisma.user.count({ where: { role: 'admin' } })) === 0;
  const users = await Promise.all(
    PEOPLE.map(([username, displayName]) =>
      prisma.user.create({
        data: {
          username,
          usernameNormalized: username,
          displayName,
          passwordHash,
          role: adminless && username === 'alice' ? 'admin' : 'member',
        },
      }),
    ),
  );
  const [alice, bob, carol, dave] = users as [
    (typeof users)[0],
    (typeof users)[0],
    (typeof users)[0],
    (typeof users)[0],
  ];

  await prisma.contact.createMany({
    data: users.flatMap((user) =>
      users.filter((other) => other.id !== user.id).map((other) => ({ userId: user.id, contactId: other.id })),
    ),
  });

  const direct = await prisma.chat.create({
    data: {
      type: 'direct',
      directKey: directKeyOf(alice.id, bob.id),
      participants: { create: [{ userId: alice.id }, { userId: bob.id }] },
    },
  });
  const group = await prisma.chat.create({
    data: {
      type: 'group',
      name: 'Launch crew',
      ownerId: alice.id,
      participants: {
        create: [{ userId: alice.id, role: 'owner' }, { userId: bob.id }, { userId: carol.id }, { userId: dave.id }],
      },
    },
  });

  const messages = new MessagesRepository(prisma);
  const script: [string, (typeof users)[0], string][] = [
    [direct.id, alice, 'Hi Bob! Did you see the **new** messenger?'],
    [direct.id, bob, 'I did, it is _fast_.'],
    [group.id, alice, 'Welcome to the launch crew 🚀'],
    [group.id, carol, 'Glad to be here.'],
    [group.id, dave, 'Same! What is **first** on the list?'],
  ];
  for (const [index, [chatId, sender, content]] of script.entries()) {
    await messages.create({ chatId, senderId: sender.id, clientMsgId: `seed-${index}`, content });
  }
  return 'seeded';
}

if (require.main === module) {
  runDatabaseCommand(
    async (databaseUrl, config, logger) => {
      const prisma = createPrisma(databaseUrl);
      try {
        await migrate(databaseUrl);
        const outcome = await seed(prisma, config.BCRYPT_ROUNDS);
        logger.info(
          { users: PEOPLE.map(([username]) => username), password: SEED_PASSWORD },
          outcome === 'seeded' ? 'demo data created' : 'demo data was already there',
        );
      } finally {
        await prisma.$disconnect();
      }
    },
    { refuseInProduction: `it creates users whose password is published (${SEED_PASSWORD})` },
  );
}
