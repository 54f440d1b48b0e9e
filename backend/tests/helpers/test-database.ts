import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../src/db/migrate';

/** The PostgreSQL server the tests create their databases on (trust auth on our machines). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated (or, asked to, empty) database of our own, dropped again by `drop()`. */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `messenger_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  if (migrated) await migrate(url);
  return {
    url,
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
