import type { Readable } from 'node:stream';
import { attachmentIdParamSchema, attachmentResponseSchema, uploadQuerySchema } from '@messenger/contract';
import { operationsOf, type OperationRequest } from '../../http/operations';
import { MAX_IMAGE_BYTES } from './image-processing';
import { IMAGE_CACHE_CONTROL, type MediaService } from './media.service';
import { receiveFile } from './upload';

const operation = operationsOf<{ media: MediaService }>();

const REDIRECTED = 'with S3_PUBLIC_URL: Location is a signed URL on the store, valid 5 minutes';
const NOT_VISIBLE = 'not found or not visible to you';

/** The image itself, or (with S3_PUBLIC_URL) a redirect to a signed URL on the store. */
async function serveImage(
  media: MediaService,
  { userId, params }: OperationRequest<{ id: string }>,
  variant: 'original' | 'thumbnail',
): Promise<
  | { status: 302; redirect: string; headers: Record<string, string> }
  | { status: 200; file: Readable; headers: Record<string, string> }
> {
  const image = await media.open(userId, params.id, variant);
  if ('redirectTo' in image) {
    // helmet already sends Referrer-Policy: no-referrer, so the store never learns which page showed the image.
    return {
      status: 302,
      redirect: image.redirectTo,
      headers: { 'Cache-Control': `private, max-age=${image.cacheSeconds}` },
    };
  }
  return {
    status: 200,
    file: image.body,
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.size),
      'Cache-Control': IMAGE_CACHE_CONTROL,
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

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
  operation({
    method: 'get',
    path: '/api/attachments/{id}',
    tag: 'images',
    access: 'user',
    summary: 'The image',
    params: attachmentIdParamSchema,
    responses: {
      200: { description: 'the image as uploaded (re-encoded, without metadata)', file: 'image/*' },
      302: { description: REDIRECTED },
      404: NOT_VISIBLE,
    },
    handle: (request, { media }) => serveImage(media, request, 'original'),
  }),
  operation({
    method: 'get',
    path: '/api/attachments/{id}/thumbnail',
    tag: 'images',
    access: 'user',
    summary: 'Its WebP thumbnail',
    params: attachmentIdParamSchema,
    responses: {
      200: { description: 'the thumbnail', file: 'image/webp' },
      302: { description: REDIRECTED },
      404: NOT_VISIBLE,
    },
    handle: (request, { media }) => serveImage(media, request, 'thumbnail'),
  }),
];
