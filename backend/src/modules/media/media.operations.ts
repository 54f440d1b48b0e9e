import {
  attachmentIdParamSchema,
  attachmentResponseSchema,
  MAX_FILE_BYTES,
  MAX_IMAGE_BYTES,
  uploadQuerySchema,
} from '@messenger/contract';
import { create as contentDisposition } from 'content-disposition';
import { operationsOf } from '../../http/operations';
import { maxUploadBytes } from './file-detection';
import { ATTACHMENT_CACHE_CONTROL, type MediaService } from './media.service';
import { receiveFile } from './upload';
import type { UploadReservation } from './upload-budget';
import type { UploadPace } from './upload-pace';

const operation = operationsOf<{ media: MediaService }>();

const REDIRECTED = 'an image with S3_PUBLIC_URL: Location is a signed URL on the store, valid 5 minutes';
const NOT_VISIBLE = 'not found or not visible to you';
const MB = 1024 * 1024;

/**
 * GET of an attachment or its thumbnail: the bytes, or (an image with S3_PUBLIC_URL) a redirect to a signed URL on
 * the store. Both are the same operation but for their path and what they send.
 */
const download = (variant: 'original' | 'thumbnail', path: `/api/${string}`, summary: string, file: string) =>
  operation({
    method: 'get',
    path,
    tag: 'attachments',
    access: 'user',
    summary,
    params: attachmentIdParamSchema,
    responses: {
      200: { description: `the ${variant}`, file },
      302: { description: REDIRECTED },
      404: NOT_VISIBLE,
    },
    handle: async ({ userId, params }, { media }) => {
      const opened = await media.open(userId, params.id, variant);
      if ('redirectTo' in opened) {
        // helmet already sends Referrer-Policy: no-referrer, so the store never learns which page showed the image.
        const headers = { 'Cache-Control': `private, max-age=${opened.cacheSeconds}` };
        return { status: 302, redirect: opened.redirectTo, headers };
      }
      const headers = {
        'Content-Type': opened.contentType,
        'Content-Length': String(opened.size),
        'Cache-Control': ATTACHMENT_CACHE_CONTROL,
        'Content-Disposition': opened.downloadName === undefined ? 'inline' : saveAs(opened.downloadName),
        'X-Content-Type-Options': 'nosniff',
      };
      return { status: 200, file: opened.body, headers };
    },
  });

/**
 * A file is saved, never shown in the app's origin. Its name goes as RFC 6266 `filename*` (UTF-8), with an ASCII
 * `filename` for clients that know only that: accents dropped, any other character an underscore.
 */
function saveAs(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/gu, '_');
  return contentDisposition(name, { fallback: ascii });
}

export const mediaOperations = [
  operation({
    method: 'post',
    path: '/api/attachments',
    tag: 'attachments',
    access: 'user',
    summary: `Upload an image (≤ ${MAX_IMAGE_BYTES / MB} MB) or a file (≤ ${MAX_FILE_BYTES / MB} MB) as multipart field "file"`,
    upload: true,
    query: uploadQuerySchema,
    responses: {
      201: { description: 'stored (an image with its thumbnail)', json: attachmentResponseSchema },
      408:
        'UPLOAD_TOO_SLOW (Connection: close): the body arrived slower than UPLOAD_MIN_BYTES_PER_SECOND over an ' +
        'UPLOAD_RATE_WINDOW_SECONDS window; nothing was stored',
      413: `an image over ${MAX_IMAGE_BYTES / MB} MB, or a file over ${MAX_FILE_BYTES / MB} MB`,
      415:
        'not a JPEG, PNG, GIF or WebP image (or over 50 megapixels), nor a PDF, text, CSV, ZIP or Office document; ' +
        'or the bytes are not the type that the file name or Content-Type declares',
      429:
        'UPLOAD_QUOTA_EXCEEDED (Retry-After, the same as details.retryAfterSeconds): the daily quota ' +
        '(UPLOAD_QUOTA_BYTES_PER_DAY) is used up, or 3 uploads are under way',
      503:
        'UPLOADS_BUSY (Retry-After): the uploads under way on this instance hold its upload budget ' +
        '(UPLOAD_MEMORY_BUDGET_MB); nothing was stored, try again',
    },
    handle: async ({ userId, query, req }, { media }) => {
      const receive = (reservation: UploadReservation, pace: UploadPace) =>
        receiveFile(req, reservation, pace, (declared) => maxUploadBytes(query.purpose, declared));
      return { status: 201, body: { attachment: await media.upload(userId, receive, query.purpose) } };
    },
  }),
  download('original', '/api/attachments/{id}', 'The image, or the file to save', '*/*'),
  download('thumbnail', '/api/attachments/{id}/thumbnail', "An image's WebP thumbnail (404 for a file)", 'image/webp'),
];
