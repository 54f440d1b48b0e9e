import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { codeSpans, firstTable, readRepoFile, ROOT, sections, withoutCodeBlocks } from './markdown';

/**
 * specs/001-messenger-app/data-model.md against the model it documents: every table (by its @@map name), column
 * (by its @map name) and enum of backend/prisma/schema.prisma, and every index, constraint, extension and text
 * search configuration that the SQL migrations leave behind, must be on the page; the page may name no table or
 * column that does not exist. (tests/schema-drift.test.ts checks the migrations against the model itself.)
 */

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

const schemaText = readRepoFile('backend', 'prisma', 'schema.prisma');
const { datamodel } = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as {
  datamodel: { models: DmmfModel[]; enums: { name: string; dbName?: string | null; values: { name: string }[] }[] };
};

/** Unsupported(...) fields are absent from the DMMF: read them from the schema text, model by model. */
function unsupportedColumns(modelName: string): string[] {
  const block = new RegExp(`^model ${modelName} \\{([\\s\\S]*?)^\\}`, 'm').exec(schemaText)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s+Unsupported\("[^"]+"\)\??(.*)$/gm)].map(
    (match) => /@map\("([^"]+)"\)/.exec(match[2] ?? '')?.[1] ?? match[1] ?? '',
  );
}

/** The model as the database sees it: table name → column names. */
const model = new Map(
  datamodel.models.map((m) => [
    m.dbName ?? m.name,
    [
      ...m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.dbName ?? f.name),
      ...unsupportedColumns(m.name),
    ],
  ]),
);

/** What the migrations, applied in order, leave in the database beyond the model's tables and columns. */
function migrationObjects() {
  const dir = join(ROOT, 'backend', 'prisma', 'migrations');
  const sql = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readRepoFile('backend', 'prisma', 'migrations', name, 'migration.sql').replace(/--.*$/gm, ''))
    .join('\n');
  const names = (pattern: RegExp) => [...sql.matchAll(pattern)].map((match) => match[1] ?? '');
  /** Created minus dropped, in migration order (an index may be dropped and created again). */
  const surviving = (create: RegExp, drop: RegExp) => {
    const events = [
      ...[...sql.matchAll(create)].map((match) => ({ at: match.index, name: match[1] ?? '', created: true })),
      ...[...sql.matchAll(drop)].map((match) => ({ at: match.index, name: match[1] ?? '', created: false })),
    ].sort((a, b) => a.at - b.at);
    const alive = new Set<string>();
    for (const event of events) {
      if (event.created) alive.add(event.name);
      else alive.delete(event.name);
    }
    return [...alive];
  };
  return {
    indexes: surviving(
      /CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF NOT EXISTS\s+)?"?(\w+)"?/gi,
      /DROP INDEX\s+(?:IF EXISTS\s+)?"?(\w+)"?/gi,
    ),
    constraints: surviving(/(?<!DROP )CONSTRAINT\s+"?(\w+)"?/gi, /DROP CONSTRAINT\s+(?:IF EXISTS\s+)?"?(\w+)"?/gi),
    extensions: names(/CREATE EXTENSION\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?/gi),
    textSearch: names(/CREATE TEXT SEARCH CONFIGURATION\s+"?(\w+)"?/gi),
    triggers: names(/CREATE\s+(?:OR REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+"?(\w+)"?/gi),
    functions: names(/CREATE\s+(?:OR REPLACE\s+)?FUNCTION\s+"?([\w.]+)"?/gi),
    views: names(/CREATE\s+(?:OR REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW\s+"?(\w+)"?/gi),
    generated: names(/"(\w+)"\s+[\w ]+?\s+GENERATED ALWAYS AS/gi),
  };
}

const page = readRepoFile('specs', '001-messenger-app', 'data-model.md');
const prose = withoutCodeBlocks(page);
const all = sections(page);
const tablesStart = all.findIndex((section) => section.level === 2 && section.title === 'Tables');
const tablesEnd = all.findIndex((section, index) => index > tablesStart && section.level <= 2);
const documented = new Map(
  all
    .slice(tablesStart + 1, tablesEnd < 0 ? undefined : tablesEnd)
    .filter((section) => section.level === 3)
    .map((section) => [section.title.replace(/`/g, ''), section.body]),
);
/** The columns a table's section lists: the backticked names in the first cell of its first table. */
const columnsOf = (body: string) => firstTable(body).flatMap((row) => codeSpans(row[0] ?? ''));

it('reads the model and the migrations (a parser that finds nothing would pass everything)', () => {
  expect(model.size).toBeGreaterThanOrEqual(9);
  expect(model.get('messages')).toEqual(expect.arrayContaining(['chat_id', 'client_msg_id', 'search_vector']));
  const objects = migrationObjects();
  expect(objects.indexes).toEqual(
    expect.arrayContaining(['messages_search_vector_idx', 'users_display_name_trgm_idx']),
  );
  expect(objects.indexes).not.toContain('users_display_name_idx');
  expect(objects.constraints).toEqual(expect.arrayContaining(['users_pkey', 'messages_chat_id_fkey']));
  expect(tablesStart).toBeGreaterThanOrEqual(0);
});

it('has a section under "Tables" for exactly the tables of the model', () => {
  expect([...documented.keys()].sort()).toEqual([...model.keys()].sort());
});

it.each([...model.keys()])('lists exactly the columns of %s', (table) => {
  expect([...columnsOf(documented.get(table) ?? '')].sort()).toEqual([...(model.get(table) ?? [])].sort());
});

it('names every enum of the model with its values', () => {
  const spans = new Set(codeSpans(prose));
  for (const enumeration of datamodel.enums) {
    expect(spans).toContain(enumeration.dbName ?? enumeration.name);
    for (const value of enumeration.values)
      expect({ enum: enumeration.name, value: spans.has(value.name) }).toEqual({
        enum: enumeration.name,
        value: true,
      });
  }
});

it('names every index, constraint, extension, text search configuration, trigger and view of the migrations', () => {
  const objects = migrationObjects();
  const spans = new Set(codeSpans(prose));
  const missing = [
    ...objects.indexes,
    ...objects.constraints,
    ...objects.extensions,
    ...objects.textSearch,
    ...objects.triggers,
    ...objects.functions,
    ...objects.views,
  ].filter((name) => !spans.has(name));
  expect(missing).toEqual([]);
  // Generated columns are called out as such.
  for (const column of objects.generated) expect(prose).toMatch(new RegExp(`\`${column}\`[^\\n]*generated`, 'i'));
});

it('draws every table in the Mermaid ER diagram', () => {
  const diagram = /```mermaid\n(erDiagram[\s\S]*?)```/.exec(page)?.[1] ?? '';
  const entities = [...diagram.matchAll(/^\s{4}(\w+) \{$/gm)].map((match) => match[1]);
  expect(entities.sort()).toEqual([...model.keys()].sort());
  for (const [table, columns] of model) {
    const block = new RegExp(`^\\s{4}${table} \\{\\n([\\s\\S]*?)^\\s{4}\\}`, 'm').exec(diagram)?.[1] ?? '';
    const drawn = [...block.matchAll(/^\s+\w+\s+(\w+)/gm)].map((match) => match[1]);
    expect({ table, columns: drawn.sort() }).toEqual({ table, columns: [...columns].sort() });
  }
});
