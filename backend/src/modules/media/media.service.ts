import { randomUUID } from 'node:crypto';
import { notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { processImage } from './image-processing';
import type { MediaRepository } from './media.repository';
import { toAttachmentDto } from './media.presenter';
import type { ObjectStorage } from './storage';

export class MediaService {
  constructor(
    private readonly repository: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly logger: Logger,
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

  /** An upload belongs to its uploader until a message (or a profile, or a group) uses it. */
  async upload(uploaderId: string, file: Buffer, purpose: 'attachment' | 'avatar') {
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

  /** The image or its thumbnail, for those who may see it; 404 for everyone else. */
  async open(userId: string, attachmentId: string, variant: 'original' | 'thumbnail') {
    const attachment = await this.repository.findVisible(attachmentId, userId);
    if (!attachment) throw notFound('Image');
    const object = await this.storage.get(variant === 'original' ? attachment.storageKey : attachment.thumbnailKey);
    if (!object) throw notFound('Image');
    return object;
  }
}
