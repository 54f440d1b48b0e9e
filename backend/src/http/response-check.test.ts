import express, { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { expectNoResponseViolations, recordResponseViolation } from '../../tests/helpers/response-violations';
import { createLogger } from '../lib/logger';
import { errorHandler } from './error-handler';
import { mountOperations, operationsOf } from './operations';
import { checkResponses, type ResponseViolation } from './response-check';

const operation = operationsOf<{ name: string }>();
const greetingSchema = z.object({ greeting: z.string().min(3) }).strict();

/** An API of one operation whose handler can be made to break its own schema, behind the check. */
function checkedApp(report: (violation: ResponseViolation) => void) {
  const api = Router();
  mountOperations(
    { public: api, signedIn: api },
    [
      {
        deps: { name: 'Ann' },
        operations: [
          operation({
            method: 'get',
            path: '/api/greeting',
            tag: 'test',
            access: 'public',
            summary: 'A greeting',
            query: z.object({ short: z.literal('yes').optional() }),
            responses: { 200: { description: 'hello', json: greetingSchema } },
            handle: async ({ query }, { name }) => ({
              status: 200,
              body: { greeting: query.short ? 'hi' : `hello ${name}` },
            }),
          }),
        ],
      },
    ],
    (_req, _res, next) => next(),
  );
  api.get('/undocumented', (_req, res) => void res.json({ anything: true }));
  api.get('/bad-error', (_req, res) => void res.status(404).json({ message: 'gone' }));
  const app = express();
  app.use('/api', checkResponses(report), api);
  app.use(errorHandler(createLogger('silent')));
  return app;
}

describe('the response check', () => {
  const violations: ResponseViolation[] = [];
  const app = checkedApp((violation) => violations.push(violation));
  beforeEach(() => void violations.splice(0));

  it('lets an answer through that matches its operation, and an error in the Error body', async () => {
    await request(app).get('/api/greeting').expect(200, { greeting: 'hello Ann' });
    await request(app).get('/api/greeting?short=no').expect(400);
    expect(violations).toEqual([]);
  });

  it('reports a body its schema does not describe, naming the field', async () => {
    await request(app).get('/api/greeting?short=yes').expect(200);
    expect(violations).toEqual([
      {
        method: 'GET',
        path: '/api/greeting?short=yes',
        status: 200,
        problem: expect.stringMatching(/^the body does not match its schema: greeting: .*3/),
      },
    ]);
  });

  it('reports a success no operation documents, and an error that is not the Error body', async () => {
    await request(app).get('/api/undocumented').expect(200);
    await request(app).get('/api/bad-error').expect(404);
    expect(violations.map(({ path, problem }) => [path, problem.split(':')[0]])).toEqual([
      ['/api/undocumented', 'no operation of the document answers this'],
      ['/api/bad-error', 'not the Error body'],
    ]);
  });

  it('fails the test that made such an answer (the check every test server reports to)', async () => {
    await request(checkedApp(recordResponseViolation)).get('/api/greeting?short=yes');
    expect(expectNoResponseViolations).toThrow(/GET \/api\/greeting\?short=yes → 200: the body does not match/);
    // Reported once: the test's own afterEach then finds nothing left.
    expect(expectNoResponseViolations).not.toThrow();
  });
});
