import { z } from 'zod';
import { idParamSchema } from './common';

export const ATTACHMENT_PURPOSES = ['attachment', 'avatar'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export const attachmentIdParamSchema = idParamSchema('an attachment id');

export const uploadQuerySchema = z.object({ purpose: z.enum(ATTACHMENT_PURPOSES).default('attachment') });

const attachmentFields = {
  id: z.string(),
  mime: z.string(),
  size: z.number().int(),
  name: z.string().meta({ description: 'The uploaded file name, made safe to show and save, its extension right' }),
  url: z.string(),
};

/** An uploaded image, re-encoded, with a thumbnail; `url` and `thumbnailUrl` answer its participants only. */
export const imageAttachmentSchema = z
  .object({
    kind: z.literal('image'),
    ...attachmentFields,
    width: z.number().int(),
    height: z.number().int(),
    thumbnailUrl: z.string(),
  })
  .strict()
  .meta({ id: 'ImageAttachment' });

/** An uploaded document (FILE_TYPES), stored as sent; `url` downloads it, for its participants only. */
export const fileAttachmentSchema = z
  .object({ kind: z.literal('file'), ...attachmentFields })
  .strict()
  .meta({ id: 'FileAttachment' });

export const attachmentSchema = z
  .discriminatedUnion('kind', [imageAttachmentSchema, fileAttachmentSchema])
  .meta({ id: 'Attachment' });

export const attachmentResponseSchema = z.object({ attachment: attachmentSchema }).strict();

export type Attachment = z.infer<typeof attachmentSchema>;
export type ImageAttachment = z.infer<typeof imageAttachmentSchema>;
export type FileAttachment = z.infer<typeof fileAttachmentSchema>;
