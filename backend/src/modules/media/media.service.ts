import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { processImage } from './image-processing';
import type { MediaRepository } from './media.repository';
import { toAttachmentDto } from './media.presenter';
import type { ObjectStorage } from './storage';

/** How long a signed image URL works: long enough to be followed, short enough that a leaked one soon dies. */
const SIGNED_URL_SECONDS = 300;
/**
 * How long a browser may reuse the redirect to a signed URL (a re-render then skips the API). Well under the URL's
 * lifetime, so that a cached redirect never leads to an expired URL.
 */
const REDIRECT_CACHE_SECONDS = 120;
/** Image bytes never change under an id: cached by the browser, never by a shared cache. */
export const IMAGE_CACHE_CONTROL = 'private, max-age=86400, immutable';

export type OpenedImage =
  { body: Readable; contentType: string; size: number } | { redirectTo: string; cacheSeconds: number };

const QUOTA_WINDOW_MS = 86_400_000;
/**
 * Uploads one user may have under way at once on an instance: each holds up to 10 MB until it is processed. The web
 * app uploads one image at a time, so this leaves room for a few tabs or devices.
 */
const MAX_UPLOADS_IN_FLIGHT_PER_USER = 3;

const quotaExceeded = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'UPLOAD_QUOTA_EXCEEDED', message, { retryAfterSeconds });

export class MediaService {
  private readonly uploadsInFlight = new Map<string, number>();

  constructor(
    private readonly repository: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly logger: Logger,
    /** Bytes one user may upload per 24 hours (UPLOAD_QUOTA_BYTES_PER_DAY). */
    private readonly dailyQuotaBytes: number,
  ) {}

  /** Removes images whose rows are gone (a deleted message); a failure leaves an orphan file, never an error. */
  async discard(storageKeys: readonly string[]): Promise<void> {
    await this.storage
      .delete(storageKeys)
      .catch((error: unknown) => this.logger.warn({ err: error, storageKeys }, 'could not delete stored images'));
  }

  /** Uploads that no message, profile or group took up within `olderThanMs` are removed with their files. */
  async removeAbandoned(olderThanMs: number): Promise<number> {
    const abandoned = await this.repository.deleteAbandoned(new Date(Date.now() - olderThanMs));
    await this.discard(abandoned.flatMap((image) => [image.storageKey, image.thumbnailKey]));
    return abandoned.length;
  }

  /**
   * An upload belongs to its uploader until a message (or a profile, or a group) uses it. `receive` reads the file;
   * a user who already has MAX_UPLOADS_IN_FLIGHT_PER_USER uploads under way is refused before it is read, so that
   * nobody can make the server hold their files by the hundred while the image queue works through them.
   */
  async upload(uploaderId: string, receive: () => Promise<Buffer>, purpose: 'attachment' | 'avatar') {
    const inFlight = this.uploadsInFlight.get(uploaderId) ?? 0;
    if (inFlight >= MAX_UPLOADS_IN_FLIGHT_PER_USER) {
      throw quotaExceeded(`Wait until your ${inFlight} uploads under way are done`, 1);
    }
    this.uploadsInFlight.set(uploaderId, inFlight + 1);
    try {
      return await this.store(uploaderId, await receive(), purpose);
    } finally {
      const left = (this.uploadsInFlight.get(uploaderId) ?? 1) - 1;
      if (left > 0) this.uploadsInFlight.set(uploaderId, left);
      else this.uploadsInFlight.delete(uploaderId);
    }
  }

  private async store(uploaderId: string, file: Buffer, purpose: 'attachment' | 'avatar') {
    await this.checkQuota(uploaderId, file.length);
    const image = await processImage(file, purpose);
    const id = randomUUID();
    const storageKey = `attachments/${id}/original.${image.extension}`;
    const thumbnailKey = `attachments/${id}/thumbnail.webp`;
    await Promise.all([
      this.storage.put(storageKey, image.original, image.mime),
      this.storage.put(thumbnailKey, image.thumbnail, 'image/webp'),
    ]);
    try {
      const attachment = await this.repository.create({
        id,
        uploaderId,
        mime: image.mime,
        size: image.original.length,
        width: image.width,
        height: image.height,
        storageKey,
        thumbnailKey,
      });
      return toAttachmentDto(attachment);
    } catch (error) {
      await this.storage.delete([storageKey, thumbnailKey]).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Refuses an upload that would take this user past their bytes of the last 24 hours (429, with the seconds until
   * their oldest upload of the window leaves it). Checked before any image work, so an over-quota user costs a query.
   * Uploads that run at the same moment may each pass: the overshoot is bounded by the image queue.
   */
  private async checkQuota(uploaderId: string, incomingBytes: number): Promise<void> {
    const now = Date.now();
    const used = await this.repository.uploadedSince(uploaderId, new Date(now - QUOTA_WINDOW_MS));
    if (used.bytes + incomingBytes <= this.dailyQuotaBytes) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(((used.oldest?.getTime() ?? now) + QUOTA_WINDOW_MS - now) / 1000));
    throw quotaExceeded(
      `You have uploaded ${Math.round(this.dailyQuotaBytes / 1024 / 1024)} MB in the last 24 hours; try again later`,
      retryAfterSeconds,
    );
  }

  /**
   * The image or its thumbnail, for those who may see it; 404 for everyone else. When the store can hand it to the
   * browser itself (S3_PUBLIC_URL), a short-lived signed URL on the store instead of the bytes, so that serving an
   * image costs the server a signature rather than a stream.
   */
  async open(userId: string, attachmentId: string, variant: 'original' | 'thumbnail'): Promise<OpenedImage> {
    const attachment = await this.repository.findVisible(attachmentId, userId);
    if (!attachment) throw notFound('Image');
    const key = variant === 'original' ? attachment.storageKey : attachment.thumbnailKey;
    if (this.storage.browserUrls) {
      const contentType = variant === 'original' ? attachment.mime : 'image/webp';
      const url = await this.storage.browserUrls.sign(key, SIGNED_URL_SECONDS, {
        contentType,
        cacheControl: IMAGE_CACHE_CONTROL,
      });
      return { redirectTo: url, cacheSeconds: REDIRECT_CACHE_SECONDS };
    }
    const object = await this.storage.get(key);
    if (!object) throw notFound('Image');
    return object;
  }
}
