import { z } from 'zod';
import { idParamSchema } from './common';

export const ATTACHMENT_PURPOSES = ['attachment', 'avatar'] as const;

export const attachmentIdParamSchema = idParamSchema('an attachment id');

export const uploadQuerySchema = z.object({ purpose: z.enum(ATTACHMENT_PURPOSES).default('attachment') });

/** An uploaded image; `url` and `thumbnailUrl` answer its participants only, with the access token. */
export const attachmentSchema = z
  .object({
    id: z.string(),
    mime: z.string(),
    size: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    url: z.string(),
    thumbnailUrl: z.string(),
  })
  .strict()
  .meta({ id: 'Attachment' });

export const attachmentResponseSchema = z.object({ attachment: attachmentSchema }).strict();

export type Attachment = z.infer<typeof attachmentSchema>;
