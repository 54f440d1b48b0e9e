import type { Attachment as AttachmentDto } from '@messenger/contract';
import type { Attachment } from '../../generated/prisma/client';

export type AttachmentRecord = Pick<
  Attachment,
  'id' | 'kind' | 'mime' | 'size' | 'name' | 'width' | 'height' | 'thumbnailKey'
>;

export function toAttachmentDto(attachment: AttachmentRecord): AttachmentDto {
  const { id, mime, size, name, width, height } = attachment;
  const url = `/api/attachments/${id}`;
  // The database holds an image to its size and thumbnail (CHECK attachments_image_has_thumbnail).
  if (attachment.kind === 'image' && width !== null && height !== null && attachment.thumbnailKey !== null) {
    return { kind: 'image', id, mime, size, name, width, height, url, thumbnailUrl: `${url}/thumbnail` };
  }
  return { kind: 'file', id, mime, size, name, url };
}
