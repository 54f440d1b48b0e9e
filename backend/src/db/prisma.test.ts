import { createTestDatabase, type TestDatabase } from '../../tests/helpers/test-database';
import { createPrisma, type PrismaClient } from './prisma';

let database: TestDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrisma(database.url, { statementTimeoutMs: 300 });
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

it('cuts off a statement that runs past the timeout, and the connection serves the next one', async () => {
  await expect(prisma.$queryRaw`SELECT pg_sleep(2)`).rejects.toThrow(/statement timeout/);
  expect(await prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
});
