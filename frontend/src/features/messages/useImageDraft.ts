import { isCancel } from 'axios';
import { useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS } from '@messenger/contract';
import { checkImageFile, uploadAttachment, uploadErrorMessage } from '../../shared/api/attachmentsApi';
import { getErrorMessage } from '../../shared/api/errors';

export interface DraftImage {
  key: string;
  file: File;
  /** An object URL of the local file, for the preview strip. */
  previewUrl: string;
}

export const TOO_MANY_MESSAGE = `Up to ${MAX_ATTACHMENTS} images can be sent at a time.`;

let nextKey = 0;

/** The images chosen for the next message, and their upload (progress, cancel, errors). */
export function useImageDraft() {
  const [images, setImages] = useState<DraftImage[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** 0–100 over all the images while uploading; null otherwise. */
  const [progress, setProgress] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  const latest = useRef(images);
  useEffect(() => {
    latest.current = images;
  }, [images]);

  // Leaving the chat: the previews' object URLs go, and an upload on its way stops.
  useEffect(
    () => () => {
      controller.current?.abort();
      for (const image of latest.current) URL.revokeObjectURL(image.previewUrl);
    },
    [],
  );

  function add(files: Iterable<File>) {
    const chosen = [...files];
    if (chosen.length === 0) return;
    const refusal = chosen.map(checkImageFile).find((reason) => reason !== null) ?? null;
    const accepted = chosen.filter((file) => checkImageFile(file) === null);
    const room = MAX_ATTACHMENTS - images.length;
    const added = accepted.slice(0, Math.max(0, room)).map((file) => ({
      key: `image-${++nextKey}`,
      file,
      previewUrl: URL.createObjectURL(file),
    }));
    setImages([...images, ...added]);
    setError(refusal ?? (accepted.length > room ? TOO_MANY_MESSAGE : null));
  }

  function remove(key: string) {
    const image = images.find((candidate) => candidate.key === key);
    if (image) URL.revokeObjectURL(image.previewUrl);
    setImages(images.filter((candidate) => candidate.key !== key));
    setError(null);
  }

  function clear() {
    for (const image of images) URL.revokeObjectURL(image.previewUrl);
    setImages([]);
  }

  /** Uploads every image, one after the other; their ids, or null when cancelled or refused. */
  async function upload(): Promise<string[] | null> {
    const abort = new AbortController();
    controller.current = abort;
    setError(null);
    setProgress(0);
    const ids: string[] = [];
    try {
      for (const [index, image] of images.entries()) {
        const attachment = await uploadAttachment(image.file, {
          signal: abort.signal,
          onProgress: (percent) => setProgress(Math.round((index * 100 + percent) / images.length)),
        });
        ids.push(attachment.id);
      }
      return ids;
    } catch (caught) {
      if (!isCancel(caught)) setError(uploadErrorMessage(caught) ?? getErrorMessage(caught));
      return null;
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  function cancel() {
    controller.current?.abort();
  }

  return { images, error, progress, uploading: progress !== null, add, remove, clear, upload, cancel };
}
