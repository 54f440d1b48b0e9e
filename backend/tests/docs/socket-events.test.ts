import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import type { SocketHandlers } from '../../src/realtime/handlers';
import { codeSpans, firstTable, readRepoFile, ROOT, sections } from './markdown';

/**
 * docs/socket-events.md against the code: every event the server handles (the modules' handler tables, plus the
 * few registered by hand in realtime/), every event it emits (the ServerToClientEvents map, plus direct emits) and
 * every event between instances must have its section, with the payload fields of its zod schema or event type;
 * the page may name no event the code does not have. The web app's event names must be real server events too.
 */

const SRC = join(ROOT, 'backend', 'src');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
const sources = sourceFiles(SRC).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Socket.IO's own events, which are not part of our interface. */
const RESERVED = new Set(['connection', 'connect', 'disconnect', 'disconnecting', 'error', 'connect_error']);

/** Client → server: each module's handler table (built with stand-in services: building one calls none). */
function handlerTables(): SocketHandlers {
  const tables: SocketHandlers = {};
  for (const { path } of sources.filter((file) => file.path.endsWith('.socket.ts'))) {
    const module = jest.requireActual<Record<string, unknown>>(join(ROOT, path));
    for (const [name, factory] of Object.entries(module)) {
      if (typeof factory !== 'function' || !name.endsWith('SocketHandlers')) continue;
      Object.assign(tables, (factory as (...stubs: unknown[]) => SocketHandlers)({}, {}, {}));
    }
  }
  return tables;
}
const handlers = handlerTables();

/** Names used with a given call anywhere in the backend's sources, e.g. `socket.on('auth:refresh', ...)`. */
const calledWith = (pattern: RegExp) =>
  sources
    .flatMap(({ text }) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''))
    .filter((n) => !RESERVED.has(n));

/** The members of an interface in a TypeScript file: event name → the field names of its payload type literal. */
function eventMap(file: string, interfaceName: string): Map<string, string[]> {
  const source = ts.createSourceFile(file, readRepoFile(file), ts.ScriptTarget.Latest, true);
  const events = new Map<string, string[]>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.name || !member.type) continue;
        const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
        const payload = ts.isFunctionTypeNode(member.type) ? member.type.parameters[0]?.type : undefined;
        const fields =
          payload && ts.isTypeLiteralNode(payload)
            ? payload.members.flatMap((field) => (field.name ? [field.name.getText(source)] : []))
            : [];
        events.set(name, fields);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return events;
}

const clientEvents = new Set([...Object.keys(handlers), ...calledWith(/\bsocket\.on\(\s*'([^']+)'/g)]);
const serverEvents = new Map(eventMap('backend/src/realtime/events.ts', 'ServerToClientEvents'));
for (const name of calledWith(/\bsocket\.emit\(\s*'([^']+)'/g)) if (!serverEvents.has(name)) serverEvents.set(name, []);
const interServerEvents = new Set([
  ...calledWith(/serverSideEmit\(\s*'([^']+)'/g),
  ...eventMap('backend/src/realtime/socket-server.ts', 'InterServerEvents').keys(),
]);

const page = readRepoFile('docs', 'socket-events.md');
/** Event name → the fields its section's first table lists, for the `### \`event\`` sections under a `## title`. */
function documented(title: string): Map<string, string[]> {
  const all = sections(page);
  const start = all.findIndex((section) => section.level === 2 && section.title === title);
  const end = all.findIndex((section, index) => index > start && section.level <= 2);
  return new Map(
    all
      .slice(start + 1, end < 0 ? undefined : end)
      .filter((section) => section.level === 3)
      .map((section) => [
        section.title.replace(/`/g, ''),
        firstTable(section.body).flatMap((row) => codeSpans(row[0] ?? '')),
      ]),
  );
}
const sorted = (values: Iterable<string>) => [...values].sort();

it('collects the events from the code (a collector that finds nothing would pass everything)', () => {
  expect(sorted(clientEvents)).toEqual(expect.arrayContaining(['message:send', 'sync', 'auth:refresh']));
  expect(sorted(serverEvents.keys())).toEqual(expect.arrayContaining(['message:new', 'chat:removed', 'auth:expired']));
  expect(serverEvents.get('reaction:updated')).toEqual(['chatId', 'messageId', 'reactions']);
  expect(sorted(interServerEvents)).toEqual(['presence']);
});

it('documents exactly the client → server events the server handles', () => {
  expect(sorted(documented('Client → server').keys())).toEqual(sorted(clientEvents));
});

it('documents exactly the server → client events the server emits', () => {
  expect(sorted(documented('Server → client').keys())).toEqual(sorted(serverEvents.keys()));
});

it('documents exactly the events between instances', () => {
  expect(sorted(documented('Between instances').keys())).toEqual(sorted(interServerEvents));
});

it.each(Object.keys(handlers))('lists the payload fields of the zod schema of %s', (event) => {
  const schema = z.toJSONSchema(handlers[event]?.schema ?? z.never(), { io: 'input', unrepresentable: 'any' });
  const fields = Object.keys((schema as { properties?: object }).properties ?? {});
  expect(fields.length).toBeGreaterThan(0);
  expect(sorted(documented('Client → server').get(event) ?? [])).toEqual(sorted(fields));
});

/**
 * Events that are never logged for replay, so carry no cursor: the ones named in a file that publishes with
 * `volatile: true` or `transient: true` (typing, presence), and the ones emitted straight to a socket.
 */
function unlogged(): Set<string> {
  const notLogged = sources.filter(({ text }) => /toUsers\([^;]*(volatile|transient): true/.test(text));
  const named = notLogged.flatMap(({ text }) => [...text.matchAll(/'([\w:]+)'/g)].map((match) => match[1] ?? ''));
  return new Set([...named, ...calledWith(/\bsocket\.emit\(\s*'([^']+)'/g)].filter((name) => serverEvents.has(name)));
}

it('lists the payload fields of every server event, plus `cursor` exactly where the event is replayable', () => {
  const withoutCursor = unlogged();
  expect(sorted(withoutCursor)).toEqual(expect.arrayContaining(['typing:start', 'presence:offline', 'auth:expired']));
  for (const [event, fields] of serverEvents) {
    const expected = sorted([...fields, ...(withoutCursor.has(event) ? [] : ['cursor'])]);
    const listed = sorted(documented('Server → client').get(event) ?? []);
    expect({ event, fields: listed }).toEqual({ event, fields: expected });
  }
});

it('names only real server events in the web app (frontend/src/shared/realtime/events.ts)', () => {
  const frontend = readRepoFile('frontend', 'src', 'shared', 'realtime', 'events.ts');
  const constants = (name: string) =>
    [
      ...(new RegExp(`export const ${name} = \\{([\\s\\S]*?)\\}`).exec(frontend)?.[1] ?? '').matchAll(/:\s*'([^']+)'/g),
    ].map((match) => match[1] ?? '');
  expect(constants('ClientEvent').length).toBeGreaterThan(0);
  expect(constants('ClientEvent').filter((event) => !clientEvents.has(event))).toEqual([]);
  expect(constants('ServerEvent').filter((event) => !serverEvents.has(event))).toEqual([]);
});
