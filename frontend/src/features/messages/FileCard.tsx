import {
  ArchiveBoxIcon,
  ArrowDownTrayIcon,
  DocumentIcon,
  DocumentTextIcon,
  PresentationChartBarIcon,
  TableCellsIcon,
} from '@heroicons/react/20/solid';
import { FILE_TYPES, fileTypeOfMime, type FileAttachment, type FileType } from '@messenger/contract';
import { useState } from 'react';
import { downloadAttachment } from '../../shared/api/attachmentsApi';
import { getErrorMessage } from '../../shared/api/errors';
import { formatFileSize } from '../../shared/lib/fileSize';
import { saveFile } from '../../shared/lib/saveFile';
import { IconButton } from '../../shared/ui/IconButton';
import type { Icon } from '../../shared/ui/Icon';

const ICONS: Record<FileType, Icon> = {
  pdf: DocumentTextIcon,
  text: DocumentTextIcon,
  doc: DocumentTextIcon,
  docx: DocumentTextIcon,
  csv: TableCellsIcon,
  xls: TableCellsIcon,
  xlsx: TableCellsIcon,
  ppt: PresentationChartBarIcon,
  pptx: PresentationChartBarIcon,
  zip: ArchiveBoxIcon,
};

/** A file in a message: its type, name and size, and a button that downloads it under its name. */
export function FileCard({ file }: { file: FileAttachment }) {
  const type = fileTypeOfMime(file.mime);
  const TypeIcon = type ? ICONS[type] : DocumentIcon;
  const label = type ? FILE_TYPES[type].label : 'File';
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  /**
   * Goes on when the card leaves the screen (the message list unmounts what scrolls out of view): the person asked
   * for the file, and gets it.
   */
  async function download() {
    setError(null);
    setProgress(0);
    try {
      saveFile(await downloadAttachment(file, { onProgress: setProgress }), file.name);
    } catch (caught) {
      setError(`Could not download: ${getErrorMessage(caught)}`);
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="flex w-72 max-w-full items-center gap-3 rounded-lg border border-border bg-surface p-2 text-fg">
      <TypeIcon className="size-8 shrink-0 text-accent" />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium" title={file.name}>
          {file.name}
        </p>
        <p className="text-xs text-fg-muted">
          {label} · {formatFileSize(file.size)}
          {progress !== null && <span aria-live="polite"> · Downloading {progress}%</span>}
        </p>
        {error && (
          <p role="alert" className="text-xs text-fg-danger">
            {error}
          </p>
        )}
      </div>
      <IconButton
        label={`Download ${file.name}`}
        icon={ArrowDownTrayIcon}
        disabled={progress !== null}
        onClick={() => void download()}
      />
    </div>
  );
}
