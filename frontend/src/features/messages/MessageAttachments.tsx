import type { Attachment, FileAttachment, ImageAttachment } from '@messenger/contract';
import { FileCard } from './FileCard';
import { MessageImages } from './MessageImages';

interface MessageAttachmentsProps {
  attachments: Attachment[];
  /** The caption: the images' alt text. */
  caption: string;
}

/** What a message carries: its images as thumbnails, then its files as cards to download. */
export function MessageAttachments({ attachments, caption }: MessageAttachmentsProps) {
  const images = attachments.filter((attachment): attachment is ImageAttachment => attachment.kind === 'image');
  const files = attachments.filter((attachment): attachment is FileAttachment => attachment.kind === 'file');
  return (
    <>
      {images.length > 0 && <MessageImages attachments={images} caption={caption} />}
      {files.length > 0 && (
        <ul aria-label="Files" className="mb-1 flex flex-col gap-1">
          {files.map((file) => (
            <li key={file.id}>
              <FileCard file={file} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
