import type { Attachment as AttachmentDto } from '@messenger/contract';
import type { Attachment } from '../../generated/prisma/client';

export function toAttachmentDto(
  attachment: Pick<Attachment, 'id' | 'mime' | 'size' | 'width' | 'height'>,
): AttachmentDto {
  return {
    id: attachment.id,
    mime: attachment.mime,
    size: attachment.size,
    width: attachment.width,
    height: attachment.height,
    url: `/api/attachments/${attachment.id}`,
    thumbnailUrl: `/api/attachments/${attachment.id}/thumbnail`,
  };
}
