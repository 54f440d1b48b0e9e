import { CanceledError } from 'axios';
import { api } from './client';
import { hasStatus } from './errors';
import { MAX_IMAGE_BYTES, type Attachment } from '@messenger/contract';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

export const TOO_BIG_MESSAGE = `That file is too big (max ${MAX_IMAGE_BYTES / 1024 / 1024} MB).`;
export const UNSUPPORTED_MESSAGE = 'Only JPEG, PNG, GIF and WebP images can be sent.';

interface UploadOptions {
  purpose?: 'attachment' | 'avatar';
  /** 0–100 while the bytes go up. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** POST /api/attachments: one image, as multipart field `file`. */
export async function uploadAttachment(file: File, options: UploadOptions = {}): Promise<Attachment> {
  const { purpose, onProgress, signal } = options;
  const form = new FormData();
  form.append('file', file);
  const request = api.post<{ attachment: Attachment }>('/api/attachments', form, {
    params: purpose === 'avatar' ? { purpose } : undefined,
    signal,
    onUploadProgress: (event) => {
      if (event.total) onProgress?.(Math.round((event.loaded / event.total) * 100));
    },
  });
  // Settles at once on cancel, whatever the transport does with the signal.
  const { data } = await Promise.race([request, abortedBy(signal)]);
  return data.attachment;
}

function abortedBy(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const cancel = () => reject(new CanceledError());
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
  });
}

/** The reason to refuse a file before uploading it, or null when it may go. */
export function checkImageFile(file: File): string | null {
  if (!IMAGE_TYPES.includes(file.type)) return UNSUPPORTED_MESSAGE;
  if (file.size > MAX_IMAGE_BYTES) return TOO_BIG_MESSAGE;
  return null;
}

/** The composer's wording for the server's 413 and 415; null for anything else. */
export function uploadErrorMessage(error: unknown): string | null {
  if (hasStatus(error, 413)) return TOO_BIG_MESSAGE;
  if (hasStatus(error, 415)) return UNSUPPORTED_MESSAGE;
  return null;
}
