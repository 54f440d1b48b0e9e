import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

/**
 * The Prisma model (schema.prisma) and the hand-written SQL migrations must describe the same database: Prisma's
 * own diffing engine cannot run on our machines, so this test is what catches a migration that forgot a column,
 * a nullability, an index or a foreign key.
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isRequired: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  type: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  algorithm?: string;
  fields: { name: string; operatorClass?: string }[];
}

const schemaText = readFileSync(join(__dirname, '..', 'prisma', 'schema.prisma'), 'utf8');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[]; enums: { name: string; values: { name: string }[] }[] };
};
const models = dmmf.datamodel.models;

/** Unsupported(...) fields are absent from the DMMF; read their column names from the schema text. */
const unsupportedColumns = [...schemaText.matchAll(/^\s*(\w+)\s+Unsupported\("[^"]+"\)(\?)?.*@map\("([^"]+)"\)/gm)].map(
  (match) => ({ field: match[1]!, column: match[3]!, nullable: match[2] === '?' }),
);

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? unsupportedColumns.find((u) => u.field === fieldName)?.column ?? fieldName;
};

let database: TestDatabase;
let db: Client;
beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await database.drop();
});

it('has exactly the tables of the model', async () => {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  expect(rows.map((row) => row.table_name)).toEqual(models.map(tableOf).sort());
});

it('has exactly the columns of the model, with the same nullability', async () => {
  const { rows } = await db.query<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>(
    `SELECT table_name, column_name, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const actual = rows.map(
    (row) => `${row.table_name}.${row.column_name} ${row.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
  );
  const expected = models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind !== 'object')
      .map((field) => `${tableOf(model)}.${field.dbName ?? field.name} ${field.isRequired ? 'NOT NULL' : 'NULL'}`),
  );
  const unsupported = unsupportedColumns.map(({ column, nullable }) => {
    const table = rows.find((row) => row.column_name === column)?.table_name ?? '?';
    return `${table}.${column} ${nullable ? 'NULL' : 'NOT NULL'}`;
  });
  expect(actual.sort()).toEqual([...expected, ...unsupported].sort());
});

it('has the enums of the model', async () => {
  const { rows } = await db.query<{ typname: string; labels: string }>(
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
  );
  expect(rows.map((row) => `${row.typname}(${row.labels})`)).toEqual(
    dmmf.datamodel.enums.map((e) => `${e.name}(${e.values.map((v) => v.name).join(',')})`).sort(),
  );
});

it('has the primary keys, unique and plain indexes of the model, with their methods and operator classes', async () => {
  const { rows } = await db.query<{ tablename: string; indexdef: string }>(
    `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const actual = rows.map((row) => {
    const definition = row.indexdef.replace(/ WITH \([^)]*\)$/, ''); // storage parameters: checked below
    const [, unique, method, columns] = /CREATE (UNIQUE )?INDEX .* USING (\w+) \((.+)\)$/.exec(definition) ?? [];
    return `${row.tablename} ${unique ? 'unique' : 'index'} ${method} (${columns?.replace(/"/g, '')})`;
  });
  const expected = dmmf.datamodel.indexes.map((index) => {
    const model = models.find((candidate) => candidate.name === index.model);
    if (!model) throw new Error(`index on unknown model ${index.model}`);
    const columns = index.fields.map((field) =>
      [columnOf(model, field.name), field.operatorClass].filter(Boolean).join(' '),
    );
    const method = (index.algorithm ?? 'btree').toLowerCase();
    return `${tableOf(model)} ${index.type === 'normal' ? 'index' : 'unique'} ${method} (${columns.join(', ')})`;
  });
  expect(actual.sort()).toEqual(expected.sort());
});

/**
 * Storage parameters the Prisma model cannot express, set by migrations for the write path under load
 * (docs/performance.md, issue #9): every message updates its chat row (room on the page keeps that update HOT),
 * and the message-search index takes each message at once instead of stalling a send to merge a pending list.
 */
const STORAGE_PARAMETERS = ['chats fillfactor=80', 'messages_search_vector_idx fastupdate=off'];

it('has the storage parameters that the migrations set outside the model', async () => {
  const { rows } = await db.query<{ relname: string; option: string }>(
    `SELECT c.relname, unnest(c.reloptions) AS option FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.reloptions IS NOT NULL`,
  );
  expect(rows.map((row) => `${row.relname} ${row.option}`).sort()).toEqual([...STORAGE_PARAMETERS].sort());
});

it('has the foreign keys of the model', async () => {
  const { rows } = await db.query<{ definition: string }>(
    `SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
  );
  const actual = rows.map((row) =>
    row.definition
      .replace(/"/g, '')
      .replace(/ ON UPDATE CASCADE/, '')
      .replace(/ ON DELETE (\w+( NULL)?)/, ' $1'),
  );
  const expected = models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === 'object' && field.relationFromFields?.length)
      .map((field) => {
        const target = models.find((candidate) => candidate.name === field.type)!;
        const from = field.relationFromFields!.map((name) => columnOf(model, name)).join(', ');
        const to = field.relationToFields!.map((name) => columnOf(target, name)).join(', ');
        const onDelete = (field as DmmfField & { relationOnDelete?: string }).relationOnDelete;
        const action = onDelete === 'Cascade' ? ' CASCADE' : onDelete === 'SetNull' ? ' SET NULL' : '';
        return `${tableOf(model)} FOREIGN KEY (${from}) REFERENCES ${tableOf(target)}(${to})${action}`;
      }),
  );
  expect(actual.sort()).toEqual(expected.sort());
});
