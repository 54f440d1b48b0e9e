import { z } from 'zod';
import type { ApiOperation } from '../../http/openapi';

const attachmentIdParams = z.object({ id: z.uuid() });

/** The images operations, described from the schemas that validate them. */
export const mediaOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/attachments',
    tag: 'images',
    summary: 'Upload an image (multipart field "file", ≤ 10 MB)',
    multipart: true,
    query: z.object({ purpose: z.enum(['attachment', 'avatar']).optional() }),
    responses: {
      201: '{attachment}',
      413: 'over 10 MB',
      415: 'not a JPEG, PNG, GIF or WebP image, or over 50 megapixels',
      429: 'UPLOAD_QUOTA_EXCEEDED: the daily quota (UPLOAD_QUOTA_BYTES_PER_DAY) is used up, or 3 uploads are under way',
    },
  },
  {
    method: 'get',
    path: '/api/attachments/{id}',
    tag: 'images',
    summary: 'The image',
    params: attachmentIdParams,
    responses: {
      200: 'image bytes',
      302: 'with S3_PUBLIC_URL: Location is a signed URL on the store, valid 5 minutes',
      404: 'not found or not visible to you',
    },
  },
  {
    method: 'get',
    path: '/api/attachments/{id}/thumbnail',
    tag: 'images',
    summary: 'Its WebP thumbnail',
    params: attachmentIdParams,
    responses: {
      200: 'image/webp',
      302: 'with S3_PUBLIC_URL: Location is a signed URL on the store, valid 5 minutes',
      404: 'not found or not visible to you',
    },
  },
];
