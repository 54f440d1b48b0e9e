import { useState } from 'react';
import type { ImageAttachment } from '@messenger/contract';
import { AuthImage } from '../../shared/ui/AuthImage';
import { Dialog } from '../../shared/ui/Dialog';

/** The longest side of a thumbnail box in the timeline, as the server's thumbnails. */
const MAX_BOX = 320;

/** Fits width × height into the box, keeping the ratio; the space is held before the bytes arrive. */
export function thumbnailBox(width: number, height: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: MAX_BOX, height: MAX_BOX };
  const scale = Math.min(1, MAX_BOX / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

interface MessageImagesProps {
  attachments: ImageAttachment[];
  /** The caption, used as the alt text; "Image" without one. */
  caption: string;
}

export function MessageImages({ attachments, caption }: MessageImagesProps) {
  const [open, setOpen] = useState<ImageAttachment | null>(null);
  const alt = caption.trim() || 'Image';
  return (
    <>
      <div className="mb-1 flex flex-wrap gap-1">
        {attachments.map((attachment) => {
          const box = thumbnailBox(attachment.width, attachment.height);
          return (
            <button
              key={attachment.id}
              type="button"
              aria-label={`Open image${attachments.length > 1 ? ` ${attachments.indexOf(attachment) + 1}` : ''}`}
              onClick={() => setOpen(attachment)}
              style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
              className="block max-w-full overflow-hidden rounded-lg bg-surface-strong"
            >
              <AuthImage url={attachment.thumbnailUrl} alt={alt} className="size-full object-cover" />
            </button>
          );
        })}
      </div>
      {open && (
        <Dialog title="Image viewer" onClose={() => setOpen(null)} wide>
          <AuthImage
            url={open.url}
            alt={alt}
            className="mx-auto max-h-[75vh] max-w-full object-contain"
            pendingContent={<p className="text-sm text-fg-muted">Loading image…</p>}
            failedContent={<p className="text-sm text-fg-danger">The image could not be loaded.</p>}
          />
        </Dialog>
      )}
    </>
  );
}
