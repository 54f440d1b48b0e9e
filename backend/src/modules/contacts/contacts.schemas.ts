import { z } from 'zod';

export const contactRequestBodySchema = z.object({ userId: z.uuid('must be a user id') }).strict();
export const idParamSchema = z.object({ id: z.uuid('must be an id') });
