import { Writable } from 'node:stream';
import { clientEvents, MAX_FILE_NAME_LENGTH, type ClientEvent } from '@messenger/contract';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/http/openapi';
import { documents } from './helpers/documents';
import { TestSockets } from './helpers/sockets';
import { startTestServer, type TestServer } from './helpers/test-server';
import { makeContacts, registerUser, type TestUser } from './helpers/users';

/**
 * Property-based input fuzzing: every REST operation of the OpenAPI document and every socket event gets
 * generated garbage (wrong types, huge and boundary-length strings, deep nesting, prototype-pollution keys,
 * control, zero-width and right-to-left characters, lone surrogates), and must answer with one of the contract's
 * errors, never a 500, without logging an unhandled error, while the server stays up.
 */

const RUNS_PER_OPERATION = 40;
const RUNS_PER_EVENT = 60;

/** Strings an attacker or an unlucky client sends: boundaries, invisible and direction-changing characters. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    'a'.repeat(10_000),
    'a'.repeat(10_001),
    '\u200b\u200c\u200d\ufeff',
    '\u202eevil\u202c',
    'مرحبا بالعالم',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '👩‍👩‍👧‍👦'.repeat(2_500),
    '<script>alert(1)</script>',
    // Mentions: as many @names as a message holds, and @ signs alone.
    '@abc '.repeat(2_000),
    '@'.repeat(10_000),
    '@__proto__ @constructor @ab.- @a@b.c',
    "' OR 1=1; --",
    '%00%2e%2e%2f',
    '../../etc/passwd',
    '__proto__',
    '00000000-0000-0000-0000-000000000000',
  ),
);

const pollutingKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');

/** Any JSON value, nested up to a few levels, with keys that try to reach Object.prototype. */
const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, Number.MAX_SAFE_INTEGER + 2, -1, 0),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), pollutingKey), tie('value'), { maxKeys: 5 }),
  ),
}));

/** A body that is sometimes nearly right: the operation's real field names with wrong or extreme values. */
function bodyFor(fieldNames: string[]): fc.Arbitrary<unknown> {
  const nearlyRight =
    fieldNames.length > 0
      ? fc.record(Object.fromEntries(fieldNames.map((name) => [name, jsonValue])), { requiredKeys: [] })
      : fc.constant({});
  return fc.oneof(nearlyRight, jsonValue, fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}}')));
}

interface World {
  owner: TestUser;
  groupId: string;
  /** Someone else's open group, which the fuzzing owner may find and join. */
  openGroupId: string;
  messageId: string;
}

/** Every log line the server writes, to find errors it only logged. */
class LogCapture extends Writable {
  readonly errors: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if ((JSON.parse(line) as { level: number }).level >= 50) this.errors.push(line);
    }
    done();
  }
}

const logs = new LogCapture();
let server: TestServer;
let world: World;
let casesTried = 0;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'warn' }, undefined, logs);
  // The first account of the database is its admin: the admin operations are fuzzed past the role check.
  const owner = await registerUser(server);
  // An admin, so that the admin operations' inputs are fuzzed too, not only their 403.
  await server.prisma.user.update({ where: { id: owner.id }, data: { role: 'admin' } });
  const member = await registerUser(server);
  await makeContacts(server, owner, member);
  const group = await request(server.url)
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Fuzzed', memberIds: [member.id] })
    .expect(201);
  const groupId = (group.body as { chat: { id: string } }).chat.id;
  const message = await request(server.url)
    .post(`/api/chats/${groupId}/messages`)
    .set(owner.auth)
    .send({ content: 'hello', clientMsgId: '9d7c9f5e-52c4-4a63-9b7e-5b8f2f0f2a11' })
    .expect(201);
  const openGroup = await request(server.url)
    .post('/api/chats/group')
    .set(member.auth)
    .send({ name: 'Fuzzed open', memberIds: [], visibility: 'open' })
    .expect(201);
  world = {
    owner,
    groupId,
    openGroupId: (openGroup.body as { chat: { id: string } }).chat.id,
    messageId: (message.body as { message: { id: string } }).message.id,
  };
});

afterAll(async () => {
  await server.close();
  // The count of generated cases, so that a run shows how much it tried.
  console.log(`fuzz: ${casesTried} generated cases`);
});

afterEach(async () => {
  await request(server.url).get('/health').expect(200);
  expect(logs.errors.splice(0)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** A lone surrogate cannot be put in a URL at all (encodeURIComponent throws), so no client can send one. */
function canBeInUrl(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** fc.assert, with the failure report cut short: a counterexample can hold a 10,000-character string. */
async function check(property: fc.IAsyncProperty<unknown[]>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns });
  } catch (error) {
    const cause = (error as Error).cause;
    const failure = cause instanceof Error ? cause.message : String(cause);
    const counterexample = (error as Error).message.split('\n')[1] ?? '';
    throw new Error(`${failure.slice(0, 1_000)}\n${counterexample.slice(0, 1_000)}`, { cause: error });
  }
}

function expectContractError(status: number, body: unknown) {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const answer = { status, code: error?.code, message: String(error?.message ?? '').slice(0, 300) };
  const isContractError =
    status < 400 || (status !== 500 && typeof error?.code === 'string' && /^[A-Z_]+$/.test(error.code));
  if (!isContractError) throw new Error(`not a contract error: ${JSON.stringify(answer)}`);
}

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  params: string[];
  bodyFields: string[];
  queryFields: string[];
}

const SKIPPED_OPERATIONS = new Set([
  // Would end the fuzzing user's own session; its input is an id in the path, fuzzed on the other DELETEs.
  'delete /api/auth/sessions/{id}',
  // Multipart: fuzzed by its own test below.
  'post /api/attachments',
]);

function operations(): Operation[] {
  const document = buildOpenApiDocument() as unknown as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const schema = operation.requestBody?.content['application/json']?.schema;
      return {
        method: method as Operation['method'],
        path,
        params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryFields: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: Object.keys(schema?.properties ?? {}),
      };
    }),
  );
}

interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

describe.each(operations().filter((op) => !SKIPPED_OPERATIONS.has(`${op.method} ${op.path}`)))(
  'REST $method $path',
  (operation) => {
    it('answers generated garbage with a contract error, never a 500', async () => {
      const pathValue = fc.oneof(
        nastyString.filter((value) => value.length > 0 && value.length < 2_000 && canBeInUrl(value)),
        fc.constantFrom(world.groupId, world.openGroupId, world.messageId, world.owner.id, '👍'),
        fc.uuid(),
      );
      await check(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: operation.params.length, maxLength: operation.params.length }),
          fc.dictionary(fc.oneof(fc.constantFrom(...operation.queryFields, 'x'), pollutingKey), nastyString, {
            maxKeys: 3,
          }),
          bodyFor(operation.bodyFields),
          async (params, query, body) => {
            casesTried++;
            let path = operation.path;
            operation.params.forEach((name, index) => {
              path = path.replace(`{${name}}`, encodeURIComponent(params[index] ?? ''));
            });
            const call = request(server.url)[operation.method](path).set(world.owner.auth).query(query);
            const response =
              operation.method === 'get'
                ? await call
                : await call.set('Content-Type', 'application/json').send(JSON.stringify(body));
            expectContractError(response.status, response.body);
          },
        ),
        RUNS_PER_OPERATION,
      );
    });
  },
);

describe('POST /api/attachments', () => {
  // Mostly documents of the types we take, declared rightly or wrongly; sometimes random bytes.
  const bytes = fc.oneof(
    fc.constantFrom(documents.pdf(), documents.text(), documents.docx(), documents.compoundFile(), documents.binary()),
    fc.uint8Array({ minLength: 0, maxLength: 64 }).map((array) => Buffer.from(array)),
  );
  const contentType = fc.constantFrom('application/pdf', 'text/csv', 'image/png', 'application/octet-stream', 'x/y');
  const fileName = fc.oneof(
    nastyString.filter((name) => name.length < 2_000),
    fc.constantFrom('a.pdf', 'a.txt', 'a.docx', 'a.doc', 'a.png', 'CON.pdf', 'a\u202Efdp.exe', '../../x.csv'),
  );

  it('answers generated names, types and bytes with an attachment under a safe name, or a contract error', async () => {
    await check(
      fc.asyncProperty(bytes, fileName, contentType, async (file, filename, type) => {
        casesTried++;
        // Written by hand, not by a form library that would clean the name up before the server sees it.
        const boundary = 'fuzz-boundary';
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n`;
        const body = Buffer.concat([
          Buffer.from(`${head}Content-Type: ${type}\r\n\r\n`),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const response = await request(server.url)
          .post('/api/attachments')
          .set(world.owner.auth)
          .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
          .send(body);
        if (response.status !== 201) return expectContractError(response.status, response.body);
        const { name } = (response.body as { attachment: { name: string } }).attachment;
        expect(name).not.toMatch(/[\p{Cc}\p{Cf}<>:"/\\|?*]|^[\s.]/u);
        expect([...name].length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      }),
      RUNS_PER_OPERATION,
    );
  });
});

describe('socket events', () => {
  const sockets = new TestSockets();
  let socket: Socket;
  beforeAll(async () => {
    socket = await sockets.connect(server.url, world.owner.accessToken);
  });
  afterAll(() => sockets.disconnectAll());

  // The contract's map: the server's handler tables are keyed by it, so it names exactly the events handled.
  const events = Object.keys(clientEvents) as ClientEvent[];

  it.each(events)('%s answers generated garbage with an error acknowledgement and keeps the socket', async (event) => {
    // Sometimes nearly right: the event's own fields, with real ids or wrong values.
    const realIds: Record<string, fc.Arbitrary<unknown>> = {
      chatId: fc.oneof(fc.constant(world.groupId), nastyString),
      messageId: fc.oneof(fc.constant(world.messageId), nastyString),
    };
    const fields = Object.keys(clientEvents[event].payload.shape);
    const nearlyRight = fc.record(Object.fromEntries(fields.map((name) => [name, realIds[name] ?? jsonValue])), {
      requiredKeys: [],
    });
    await check(
      fc.asyncProperty(fc.oneof(nearlyRight, jsonValue), async (payload) => {
        casesTried++;
        const response = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
          ok: boolean;
          error?: unknown;
        };
        expect(typeof response.ok).toBe('boolean');
        if (!response.ok) {
          expect(response.error).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/) });
          expect(response).not.toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
        }
      }),
      RUNS_PER_EVENT,
    );
    // Without an acknowledgement, or with extra arguments, nothing breaks either.
    socket.emit(event, { chatId: 1 });
    socket.emit(event, 'x', 'y', 'z');
    const still = (await socket.timeout(5_000).emitWithAck('sync', { cursor: null })) as { ok: boolean };
    expect({ connected: socket.connected, ok: still.ok }).toEqual({ connected: true, ok: true });
  });
});
