import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import type { IMAGE_TYPES } from '@messenger/contract';
import { AppError } from '../../lib/errors';
import { WorkQueue } from '../../lib/work-queue';

/**
 * A 10 MB file may decode to far more: refuse anything over 50 megapixels (decompression bombs; the largest phone
 * cameras take 48), which bounds one image at ~200 MB of pixels while it is processed.
 */
const MAX_INPUT_PIXELS = 50_000_000;
const THUMBNAIL_SIZE = 320;
const AVATAR_SIZE = 512;

// Every upload is a different image: libvips' operation cache would only hold memory, never hit.
sharp.cache(false);

/**
 * Image work must never starve sign-ins: bcrypt runs on the same libuv thread pool as sharp (UV_THREADPOOL_SIZE,
 * 4 by default) and on the same cores. So images are processed one libvips thread each, at most one fewer at once
 * than there are cores, and leaving at least two pool threads for bcrypt and file I/O; more uploads wait their turn.
 */
const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;
export const IMAGE_CONCURRENCY = Math.max(1, Math.min(availableParallelism() - 1, THREAD_POOL_SIZE - 2));
sharp.concurrency(1);
const imageWork = new WorkQueue(IMAGE_CONCURRENCY);

const FORMATS = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  gif: { mime: 'image/gif', extension: 'gif' },
  webp: { mime: 'image/webp', extension: 'webp' },
} as const;

export interface ProcessedImage {
  mime: keyof typeof IMAGE_TYPES;
  extension: string;
  width: number;
  height: number;
  original: Buffer;
  thumbnail: Buffer;
}

const unsupported = (message: string) => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message);

/**
 * Decides the type from the bytes (never the file name or the declared type), turns the image upright by its EXIF
 * orientation, re-encodes it without any metadata (so GPS positions never leak), keeps animation, and makes a
 * WebP thumbnail. Avatars are cropped square. Waits its turn behind the images being processed.
 */
export function processImage(input: Buffer, purpose: 'attachment' | 'avatar'): Promise<ProcessedImage> {
  return imageWork.run(() => decodeAndReencode(input, purpose));
}

async function decodeAndReencode(input: Buffer, purpose: 'attachment' | 'avatar'): Promise<ProcessedImage> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, animated: true, failOn: 'error' as const };
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw unsupported('The image has too many pixels');
    throw unsupported('The file is not an image we can read (JPEG, PNG, GIF or WebP)');
  }
  const format =
    metadata.format && metadata.format in FORMATS ? FORMATS[metadata.format as keyof typeof FORMATS] : null;
  if (!format) throw unsupported('Only JPEG, PNG, GIF and WebP images are accepted');

  const frames = metadata.pages ?? 1;
  try {
    // Only animations are opened as animations: EXIF orientation applies to single images.
    let pipeline = sharp(input, { ...options, animated: frames > 1 }).rotate();
    if (purpose === 'avatar') pipeline = pipeline.resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' });
    const { data: original, info } = await pipeline.toFormat(metadata.format).toBuffer({
      resolveWithObject: true,
    });
    // From the upload itself, not the re-encoded copy: JPEG shrink-on-load then decodes at a fraction of the size.
    const thumbnail = await sharp(input, { ...options, animated: false })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, {
        fit: purpose === 'avatar' ? 'cover' : 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      mime: format.mime,
      extension: format.extension,
      width: info.width,
      // Animated images are stacked frames in sharp; report one frame's height.
      height: frames > 1 ? Math.round(info.height / frames) : info.height,
      original,
      thumbnail,
    };
  } catch {
    throw unsupported('The image is damaged and cannot be processed');
  }
}
