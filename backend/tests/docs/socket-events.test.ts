import ts from 'typescript';
import { z } from 'zod';
import { clientEvents, serverEvents, type ClientEvent, type ServerEvent } from '@messenger/contract';
import { codeSpans, firstTable, readRepoFile, sections } from './markdown';

/**
 * docs/socket-events.md against the contract's event maps (@messenger/contract): every client → server event (the
 * server handles exactly these: its handler tables are keyed by the map) and every server → client event must have
 * its section, with the payload fields of its schema (and `cursor` exactly where the event is logged for replay) and,
 * for client events, the fields of its acknowledgement; the page may name no event the contract does not have. The
 * events between instances are the backend's own, read from its InterServerEvents.
 */

const page = readRepoFile('docs', 'socket-events.md');
/** Event name → its section's text, for the `### \`event\`` sections under a `## title`. */
function documented(title: string): Map<string, string> {
  const all = sections(page);
  const start = all.findIndex((section) => section.level === 2 && section.title === title);
  const end = all.findIndex((section, index) => index > start && section.level <= 2);
  return new Map(
    all
      .slice(start + 1, end < 0 ? undefined : end)
      .filter((section) => section.level === 3)
      .map((section) => [section.title.replace(/`/g, ''), section.body]),
  );
}
/** The fields a section's first table lists. */
const tableFields = (body: string | undefined) => firstTable(body ?? '').flatMap((row) => codeSpans(row[0] ?? ''));
/** The top-level fields of an object schema, as JSON Schema names them. */
const schemaFields = (schema: z.ZodType) =>
  Object.keys(
    (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {},
  );
const sorted = (values: Iterable<string>) => [...values].sort();

/** The members of the backend's InterServerEvents interface (socket-server.ts). */
function interServerEvents(): string[] {
  const file = 'backend/src/realtime/socket-server.ts';
  const source = ts.createSourceFile(file, readRepoFile(file), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'InterServerEvents')
      for (const member of node.members) if (member.name) names.push(member.name.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

const clientEventNames = Object.keys(clientEvents) as ClientEvent[];
const serverEventNames = Object.keys(serverEvents) as ServerEvent[];

it('documents exactly the client → server events of the contract', () => {
  expect(sorted(documented('Client → server').keys())).toEqual(sorted(clientEventNames));
});

it('documents exactly the server → client events of the contract', () => {
  expect(sorted(documented('Server → client').keys())).toEqual(sorted(serverEventNames));
});

it('documents exactly the events between instances', () => {
  expect(interServerEvents()).toEqual(['presence', 'transient']);
  expect(sorted(documented('Between instances').keys())).toEqual(sorted(interServerEvents()));
});

it.each(clientEventNames)('lists the payload fields of the schema of %s', (event) => {
  const fields = schemaFields(clientEvents[event].payload);
  expect(fields.length).toBeGreaterThan(0);
  expect(sorted(tableFields(documented('Client → server').get(event)))).toEqual(sorted(fields));
});

/** The top-level fields of the first code span after `**Ack**:`, e.g. `{ok: true, events: [{event}], cursor}`. */
function ackFields(body: string | undefined): string[] | undefined {
  const span = /\*\*Ack\*\*:\s*`([^`]*)`/.exec(body ?? '')?.[1];
  if (span === undefined) return undefined;
  let flat = span.trim().replace(/^\{|\}$/g, '');
  // Nested values ({...}, [...]) are the fields' own business: keep only the top level.
  while (/\[[^[\]]*\]|\{[^{}]*\}/.test(flat)) flat = flat.replace(/\[[^[\]]*\]|\{[^{}]*\}/g, '');
  return flat.split(',').map((field) => field.split(':')[0]?.trim() ?? '');
}

it.each(clientEventNames)('shows the acknowledgement of %s with the fields of its result', (event) => {
  const fields = ['ok', ...Object.keys(clientEvents[event].result.shape)];
  expect(sorted(ackFields(documented('Client → server').get(event)) ?? [])).toEqual(sorted(fields));
});

it.each(serverEventNames)(
  'lists the payload fields of %s, with `cursor` exactly when it is logged for replay',
  (event) => {
    const { delivery, received } = serverEvents[event];
    const fields = schemaFields(received);
    expect(fields.includes('cursor')).toBe(delivery === 'logged');
    expect(sorted(tableFields(documented('Server → client').get(event)))).toEqual(sorted(fields));
  },
);
