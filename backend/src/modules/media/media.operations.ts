import {
  attachmentIdParamSchema,
  attachmentResponseSchema,
  MAX_IMAGE_BYTES,
  uploadQuerySchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import { IMAGE_CACHE_CONTROL, type MediaService } from './media.service';
import { receiveFile } from './upload';

const operation = operationsOf<{ media: MediaService }>();

const REDIRECTED = 'with S3_PUBLIC_URL: Location is a signed URL on the store, valid 5 minutes';
const NOT_VISIBLE = 'not found or not visible to you';

/**
 * GET of an image variant: the bytes, or (with S3_PUBLIC_URL) a redirect to a signed URL on the store. Both
 * variants are the same operation but for their path and what they send.
 */
const download = (variant: 'original' | 'thumbnail', path: `/api/${string}`, summary: string, file: string) =>
  operation({
    method: 'get',
    path,
    tag: 'images',
    access: 'user',
    summary,
    params: attachmentIdParamSchema,
    responses: {
      200: { description: `the ${variant}`, file },
      302: { description: REDIRECTED },
      404: NOT_VISIBLE,
    },
    handle: async ({ userId, params }, { media }) => {
      const image = await media.open(userId, params.id, variant);
      if ('redirectTo' in image) {
        // helmet already sends Referrer-Policy: no-referrer, so the store never learns which page showed the image.
        const headers = { 'Cache-Control': `private, max-age=${image.cacheSeconds}` };
        return { status: 302, redirect: image.redirectTo, headers };
      }
      const headers = {
        'Content-Type': image.contentType,
        'Content-Length': String(image.size),
        'Cache-Control': IMAGE_CACHE_CONTROL,
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
      };
      return { status: 200, file: image.body, headers };
    },
  });

export const mediaOperations = [
  operation({
    method: 'post',
    path: '/api/attachments',
    tag: 'images',
    access: 'user',
    summary: 'Upload an image (multipart field "file", ≤ 10 MB)',
    upload: true,
    query: uploadQuerySchema,
    responses: {
      201: { description: 'stored, with its thumbnail', json: attachmentResponseSchema },
      413: 'over 10 MB',
      415: 'not a JPEG, PNG, GIF or WebP image, or over 50 megapixels',
      429: 'UPLOAD_QUOTA_EXCEEDED: the daily quota (UPLOAD_QUOTA_BYTES_PER_DAY) is used up, or 3 uploads are under way',
    },
    handle: async ({ userId, query, req }, { media }) => {
      const receive = () => receiveFile(req, MAX_IMAGE_BYTES);
      return { status: 201, body: { attachment: await media.upload(userId, receive, query.purpose) } };
    },
  }),
  download('original', '/api/attachments/{id}', 'The image', 'image/*'),
  download('thumbnail', '/api/attachments/{id}/thumbnail', 'Its WebP thumbnail', 'image/webp'),
];
