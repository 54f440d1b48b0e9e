import { DocumentIcon, XMarkIcon } from '@heroicons/react/20/solid';
import { formatFileSize } from '../../shared/lib/fileSize';
import { Button } from '../../shared/ui/Button';
import type { DraftAttachment, DraftProgress } from './useAttachmentDraft';

interface DraftAttachmentsProps {
  images: DraftAttachment[];
  files: DraftAttachment[];
  progress: DraftProgress | null;
  onRemove: (key: string) => void;
  onCancelUpload: () => void;
}

/** What goes with the next message: image previews, file chips, and the upload's progress while it runs. */
export function DraftAttachments({ images, files, progress, onRemove, onCancelUpload }: DraftAttachmentsProps) {
  const uploading = progress !== null;
  const removeButton = (attachment: DraftAttachment, className: string) => (
    <button
      type="button"
      aria-label={`Remove ${attachment.file.name}`}
      title={`Remove ${attachment.file.name}`}
      disabled={uploading}
      onClick={() => onRemove(attachment.key)}
      className={`flex size-5 shrink-0 items-center justify-center rounded-full bg-fg text-surface disabled:cursor-not-allowed ${className}`}
    >
      <XMarkIcon className="size-3.5" />
    </button>
  );
  return (
    <>
      {images.length > 0 && (
        <ul aria-label="Images to send" className="flex gap-2 overflow-x-auto">
          {images.map((image) => (
            <li key={image.key} className="relative shrink-0">
              <img
                src={image.previewUrl ?? undefined}
                alt={image.file.name}
                className="size-16 rounded-md object-cover"
              />
              {removeButton(image, 'absolute -top-1 -right-1')}
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul aria-label="Files to send" className="flex flex-wrap gap-2">
          {files.map((file) => (
            <li
              key={file.key}
              className="flex max-w-full items-center gap-2 rounded-md border border-border bg-surface-muted px-2 py-1 text-sm"
            >
              <DocumentIcon className="size-4 shrink-0 text-fg-muted" />
              <span className="truncate" title={file.file.name}>
                {file.file.name}
              </span>
              <span className="shrink-0 text-xs text-fg-muted">{formatFileSize(file.file.size)}</span>
              {removeButton(file, '')}
            </li>
          ))}
        </ul>
      )}
      {progress && (
        <div className="flex items-center gap-2">
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <p className="truncate text-xs text-fg-muted" aria-live="polite">
              Uploading {progress.fileName}… {progress.percent}%
            </p>
            <div
              role="progressbar"
              aria-label="Upload progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress.percent}
              className="h-2 overflow-hidden rounded-full bg-surface-strong"
            >
              <div className="h-full bg-accent transition-[width]" style={{ width: `${progress.percent}%` }} />
            </div>
          </div>
          <Button variant="ghost" size="sm" onClick={onCancelUpload}>
            Cancel upload
          </Button>
        </div>
      )}
    </>
  );
}
