import { isCancel } from 'axios';
import { useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS } from '@messenger/contract';
import {
  classifyAttachment,
  uploadAttachment,
  uploadErrorMessage,
  type AttachmentKind,
} from '../../shared/api/attachmentsApi';

export interface DraftAttachment {
  key: string;
  file: File;
  kind: AttachmentKind;
  /** An object URL of a local image, for the preview strip; null for a file. */
  previewUrl: string | null;
}

/** How far the upload of the draft is: over all its bytes, and the file on its way now. */
export interface DraftProgress {
  percent: number;
  fileName: string;
}

export const TOO_MANY_MESSAGE = `Up to ${MAX_ATTACHMENTS} files can be sent at a time.`;

let nextKey = 0;

/**
 * The images and files chosen for the next message, and their upload (progress, cancel, errors). Whatever way a
 * file comes (picker, paste, drop), its declared type decides: an image is previewed and sent as an image, any
 * other type we take as a file.
 */
export function useAttachmentDraft() {
  const [attachments, setAttachments] = useState<DraftAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<DraftProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const latest = useRef(attachments);
  useEffect(() => {
    latest.current = attachments;
  }, [attachments]);

  // Leaving the chat: the previews' object URLs go, and an upload on its way stops.
  useEffect(
    () => () => {
      controller.current?.abort();
      revokePreviews(latest.current);
    },
    [],
  );

  function add(files: Iterable<File>) {
    const chosen = [...files].map((file) => ({ file, verdict: classifyAttachment(file) }));
    if (chosen.length === 0) return;
    const refused = chosen.find(({ verdict }) => 'refusal' in verdict);
    const accepted = chosen.flatMap(({ file, verdict }) => ('kind' in verdict ? [{ file, kind: verdict.kind }] : []));
    const room = Math.max(0, MAX_ATTACHMENTS - attachments.length);
    const added = accepted.slice(0, room).map(({ file, kind }) => ({
      key: `attachment-${++nextKey}`,
      file,
      kind,
      previewUrl: kind === 'image' ? URL.createObjectURL(file) : null,
    }));
    setAttachments([...attachments, ...added]);
    const refusal = refused && 'refusal' in refused.verdict ? `${refused.file.name}: ${refused.verdict.refusal}` : null;
    setError(refusal ?? (accepted.length > room ? TOO_MANY_MESSAGE : null));
  }

  function remove(key: string) {
    revokePreviews(attachments.filter((candidate) => candidate.key === key));
    setAttachments(attachments.filter((candidate) => candidate.key !== key));
    setError(null);
  }

  function clear() {
    revokePreviews(attachments);
    setAttachments([]);
  }

  /** Uploads every attachment, one after the other; their ids, or null when cancelled or refused. */
  async function upload(): Promise<string[] | null> {
    const abort = new AbortController();
    controller.current = abort;
    setError(null);
    const totalBytes = Math.max(
      1,
      attachments.reduce((sum, { file }) => sum + file.size, 0),
    );
    let doneBytes = 0;
    const ids: string[] = [];
    let current: DraftAttachment | undefined;
    try {
      for (current of attachments) {
        const { file } = current;
        const report = (percent: number) =>
          setProgress({
            percent: Math.round(((doneBytes + (file.size * percent) / 100) / totalBytes) * 100),
            fileName: file.name,
          });
        report(0);
        const attachment = await uploadAttachment(file, { signal: abort.signal, onProgress: report });
        ids.push(attachment.id);
        doneBytes += file.size;
      }
      return ids;
    } catch (caught) {
      if (!isCancel(caught))
        setError(`${current?.file.name ?? 'Upload'}: ${uploadErrorMessage(caught, current?.kind)}`);
      return null;
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  function cancel() {
    controller.current?.abort();
  }

  return {
    images: attachments.filter(({ kind }) => kind === 'image'),
    files: attachments.filter(({ kind }) => kind === 'file'),
    count: attachments.length,
    error,
    progress,
    uploading: progress !== null,
    add,
    remove,
    clear,
    upload,
    cancel,
  };
}

function revokePreviews(attachments: readonly DraftAttachment[]): void {
  for (const { previewUrl } of attachments) if (previewUrl) URL.revokeObjectURL(previewUrl);
}
