import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { MAX_IMAGE_BYTES } from './image-processing';
import { IMAGE_CACHE_CONTROL, type MediaService } from './media.service';
import { receiveFile } from './upload';

const attachmentIdSchema = z.object({ id: z.uuid('must be an attachment id') });
const uploadQuerySchema = z.object({ purpose: z.enum(['attachment', 'avatar']).default('attachment') });

export function mediaRoutes(media: MediaService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { purpose } = parseInput(uploadQuerySchema, req.query);
    const receive = () => receiveFile(req, MAX_IMAGE_BYTES);
    res.status(201).json({ attachment: await media.upload(currentUserId(req), receive, purpose) });
  });

  const serve = (variant: 'original' | 'thumbnail') =>
    async function serveImage(req: Request, res: Response) {
      const { id } = parseInput(attachmentIdSchema, req.params);
      const image = await media.open(currentUserId(req), id, variant);
      if ('redirectTo' in image) {
        // helmet already sends Referrer-Policy: no-referrer, so the store never learns which page showed the image.
        res.set('Cache-Control', `private, max-age=${image.cacheSeconds}`).redirect(302, image.redirectTo);
        return;
      }
      res.set({
        'Content-Type': image.contentType,
        'Content-Length': String(image.size),
        'Cache-Control': IMAGE_CACHE_CONTROL,
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
      });
      // pipeline, never pipe: a client that goes away destroys the source (freeing its file handle or its pooled S3
      // socket), and a read error ends this response instead of the process. The status is sent by then, so a
      // failure is only logged.
      await pipeline(image.body, res).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
          req.log.warn({ err: error, attachmentId: id }, 'image download failed mid-stream');
        }
      });
    };
  router.get('/:id', serve('original'));
  router.get('/:id/thumbnail', serve('thumbnail'));

  return router;
}
