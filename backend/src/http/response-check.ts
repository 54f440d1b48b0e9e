import { errorBodySchema } from '@messenger/contract';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ANSWERING_OPERATION, type TableOperation } from './operations';

/** An answer the OpenAPI document does not describe. */
export interface ResponseViolation {
  method: string;
  path: string;
  status: number;
  problem: string;
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

/** What is wrong with this answer, by the document; undefined when nothing. `body` as it goes on the wire. */
function problemWith(operation: TableOperation<never> | undefined, status: number, body: unknown): string | undefined {
  if (status >= 400) {
    const error = errorBodySchema.safeParse(body);
    return error.success ? undefined : `not the Error body: ${issuesOf(error.error)}`;
  }
  // A cache revalidation (If-None-Match) of a documented answer.
  if (status === 304) return undefined;
  if (!operation) return 'no operation of the document answers this';
  const spec = operation.responses[status];
  if (spec === undefined || typeof spec === 'string') return `${status} is not a success the operation documents`;
  if (!('json' in spec)) {
    return body === undefined ? undefined : `a body where the document says: ${spec.description}`;
  }
  if (body === undefined) return 'no body where the document describes one';
  const parsed = spec.json.safeParse(body);
  return parsed.success ? undefined : `the body does not match its schema: ${issuesOf(parsed.error)}`;
}

/**
 * Checks every answer under /api against the document (tests turn it on: a response that does not match fails
 * the test that made it): a success must be one its operation documents, with the body its schema describes, and
 * every error must be the Error body. JSON answers are checked as they would be parsed by a client.
 */
export function checkResponses(report: (violation: ResponseViolation) => void): RequestHandler {
  return (req: Request, res: Response, next) => {
    let body: unknown;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      body = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
      return json(value);
    };
    res.once('finish', () => {
      const operation = res.locals[ANSWERING_OPERATION] as TableOperation<never> | undefined;
      const problem = problemWith(operation, res.statusCode, body);
      if (problem) report({ method: req.method, path: req.originalUrl, status: res.statusCode, problem });
    });
    next();
  };
}
