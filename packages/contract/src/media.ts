import { z } from 'zod';

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

export type Attachment = z.infer<typeof attachmentSchema>;
