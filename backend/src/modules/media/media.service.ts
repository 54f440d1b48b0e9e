import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FILE_TYPES, IMAGE_TYPES, MAX_IMAGE_BYTES, type AttachmentPurpose, type FileType } from '@messenger/contract';
import { AppError, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { detectUpload } from './file-detection';
import { safeFileName } from './file-names';
import { processImage } from './image-processing';
import type { MediaRepository, NewAttachment } from './media.repository';
import { toAttachmentDto } from './media.presenter';
import type { ObjectStorage } from './storage';
import type { ReceivedFile } from './upload';
import type { UploadBudget, UploadReservation } from './upload-budget';
import type { UploadPace } from './upload-pace';

/** How long a signed image URL works: long enough to be followed, short enough that a leaked one soon dies. */
const SIGNED_URL_SECONDS = 300;
/**
 * How long a browser may reuse the redirect to a signed URL (a re-render then skips the API). Well under the URL's
 * lifetime, so that a cached redirect never leads to an expired URL.
 */
const REDIRECT_CACHE_SECONDS = 120;
/** The bytes of an attachment never change under its id: cached by the browser, never by a shared cache. */
export const ATTACHMENT_CACHE_CONTROL = 'private, max-age=86400, immutable';

/** The bytes to send (a file with the name to save them under), or where the browser fetches them itself. */
export type OpenedAttachment =
  | { body: Readable; contentType: string; size: number; downloadName?: string }
  | { redirectTo: string; cacheSeconds: number };

const QUOTA_WINDOW_MS = 86_400_000;
/**
 * Uploads one user may have under way at once on an instance: each holds up to 25 MB until it is stored. The web
 * app uploads one file at a time, so this leaves room for a few tabs or devices.
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
    /** Bytes all uploads under way on this instance may hold (UPLOAD_MEMORY_BUDGET_MB). */
    private readonly budget: UploadBudget,
    /** The slowest an upload may arrive before it is ended (UPLOAD_MIN_BYTES_PER_SECOND, UPLOAD_RATE_WINDOW_SECONDS). */
    private readonly pace: UploadPace,
  ) {}

  /** Removes uploads whose rows are gone (a deleted message); a failure leaves an orphan file, never an error. */
  async discard(storageKeys: readonly (string | null)[]): Promise<void> {
    const keys = storageKeys.filter((key) => key !== null);
    await this.storage
      .delete(keys)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, storageKeys: keys }, 'could not delete stored uploads'),
      );
  }

  /** Uploads that no message, profile or group took up within `olderThanMs` are removed with their files. */
  async removeAbandoned(olderThanMs: number): Promise<number> {
    const abandoned = await this.repository.deleteAbandoned(new Date(Date.now() - olderThanMs));
    await this.discard(abandoned.flatMap((upload) => [upload.storageKey, upload.thumbnailKey]));
    return abandoned.length;
  }

  /**
   * An upload belongs to its uploader until a message (or a profile, or a group) uses it. `receive` reads the file,
   * reserving its bytes from the upload budget, which holds them until the upload is stored or has failed, and ends it
   * if it arrives slower than the pace. A user who already has MAX_UPLOADS_IN_FLIGHT_PER_USER uploads under way is
   * refused before it is read, so that nobody can make the server hold their files by the hundred while the image
   * queue works through them.
   */
  async upload(
    uploaderId: string,
    receive: (reservation: UploadReservation, pace: UploadPace) => Promise<ReceivedFile>,
    purpose: AttachmentPurpose,
  ) {
    const inFlight = this.uploadsInFlight.get(uploaderId) ?? 0;
    if (inFlight >= MAX_UPLOADS_IN_FLIGHT_PER_USER) {
      throw quotaExceeded(`Wait until your ${inFlight} uploads under way are done`, 1);
    }
    this.uploadsInFlight.set(uploaderId, inFlight + 1);
    try {
      return await this.budget.hold(async (reservation) =>
        this.store(uploaderId, await receive(reservation, this.pace), purpose),
      );
    } finally {
      const left = (this.uploadsInFlight.get(uploaderId) ?? 1) - 1;
      if (left > 0) this.uploadsInFlight.set(uploaderId, left);
      else this.uploadsInFlight.delete(uploaderId);
    }
  }

  /** Avatars are images; an attachment is what its bytes (and its declaration) say: an image or a document. */
  private async store(uploaderId: string, file: ReceivedFile, purpose: AttachmentPurpose) {
    const detected = purpose === 'avatar' ? ({ kind: 'image' } as const) : await detectUpload(file.bytes, file);
    // A document may be 25 MB, an image 10 MB: one that declared no type is held to its limit once it is known.
    if (detected.kind === 'image' && file.bytes.length > MAX_IMAGE_BYTES) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `An image may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    }
    await this.checkQuota(uploaderId, file.bytes.length);
    const id = randomUUID();
    if (detected.kind === 'file') return this.storeFile(id, uploaderId, file, detected.type);
    const image = await processImage(file.bytes, purpose);
    const storageKey = `attachments/${id}/original.${image.extension}`;
    const thumbnailKey = `attachments/${id}/thumbnail.webp`;
    const name = safeFileName(file.name, IMAGE_TYPES[image.mime]);
    const { mime, width, height } = image;
    return this.save(
      {
        id,
        uploaderId,
        kind: 'image',
        mime,
        size: image.original.length,
        name,
        width,
        height,
        storageKey,
        thumbnailKey,
      },
      [
        { key: storageKey, body: image.original, contentType: image.mime },
        { key: thumbnailKey, body: image.thumbnail, contentType: 'image/webp' },
      ],
    );
  }

  /** A document is stored exactly as uploaded, under the type its bytes were found to be. */
  private storeFile(id: string, uploaderId: string, file: ReceivedFile, type: FileType) {
    const { mime, extensions } = FILE_TYPES[type];
    const storageKey = `attachments/${id}/original.${extensions[0]}`;
    const name = safeFileName(file.name, extensions);
    const size = file.bytes.length;
    return this.save(
      { id, uploaderId, kind: 'file', mime, size, name, width: null, height: null, storageKey, thumbnailKey: null },
      [{ key: storageKey, body: file.bytes, contentType: mime }],
    );
  }

  /** Puts the objects, then records the row; objects whose row could not be written are removed again. */
  private async save(row: NewAttachment, objects: { key: string; body: Buffer; contentType: string }[]) {
    await Promise.all(objects.map(({ key, body, contentType }) => this.storage.put(key, body, contentType)));
    try {
      return toAttachmentDto(await this.repository.create(row));
    } catch (error) {
      await this.storage.delete(objects.map(({ key }) => key)).catch(() => undefined);
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
   * The attachment or its thumbnail (images only), for those who may see it; 404 for everyone else. A file comes with
   * the name to save it under, always through the API, so that its answer carries our headers
   * (`Content-Disposition: attachment`, `nosniff`). An image, when the store can hand it to the browser itself
   * (S3_PUBLIC_URL), is a short-lived signed URL on the store instead of the bytes, so that serving an image costs
   * the server a signature rather than a stream.
   */
  async open(userId: string, attachmentId: string, variant: 'original' | 'thumbnail'): Promise<OpenedAttachment> {
    const attachment = await this.repository.findVisible(attachmentId, userId);
    const key = variant === 'original' ? attachment?.storageKey : attachment?.thumbnailKey;
    if (!attachment || !key) throw notFound('Attachment');
    if (attachment.kind === 'file') {
      const object = await this.storage.get(key);
      if (!object) throw notFound('Attachment');
      return { ...object, contentType: servedType(attachment.mime), downloadName: attachment.name };
    }
    if (this.storage.browserUrls) {
      const contentType = variant === 'original' ? attachment.mime : 'image/webp';
      const url = await this.storage.browserUrls.sign(key, SIGNED_URL_SECONDS, {
        contentType,
        cacheControl: ATTACHMENT_CACHE_CONTROL,
      });
      return { redirectTo: url, cacheSeconds: REDIRECT_CACHE_SECONDS };
    }
    const object = await this.storage.get(key);
    if (!object) throw notFound('Attachment');
    return object;
  }
}

/** The Content-Type a stored file is served with: its type from our table, text always as UTF-8. */
function servedType(mime: string): string {
  return mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime;
}
