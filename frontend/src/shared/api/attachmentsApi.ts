import { CanceledError } from 'axios';
import {
  declaredTypeOf,
  IMAGE_TYPES,
  MAX_FILE_BYTES,
  MAX_IMAGE_BYTES,
  type Attachment,
  type FileAttachment,
} from '@messenger/contract';
import { api } from './client';
import { getErrorMessage, hasStatus } from './errors';

const MB = 1024 * 1024;
const IMAGE_MIMES: readonly string[] = Object.keys(IMAGE_TYPES);
export const IMAGE_ACCEPT = IMAGE_MIMES.join(',');

export const TOO_BIG_MESSAGE = `That file is too big (max ${MAX_IMAGE_BYTES / MB} MB).`;
export const FILE_TOO_BIG_MESSAGE = `That file is too big (max ${MAX_FILE_BYTES / MB} MB).`;
export const UNSUPPORTED_MESSAGE = 'Only JPEG, PNG, GIF and WebP images can be sent.';
export const UNSUPPORTED_FILE_MESSAGE = 'Only images, PDF, text, CSV, ZIP and Office documents can be sent.';
export const SERVER_BUSY_MESSAGE = 'The server is busy right now. Try again in a moment.';

/** What a chosen file goes as: an image (previewed, re-encoded by the server) or a file (a document as it is). */
export type AttachmentKind = Attachment['kind'];

interface TransferOptions {
  /** 0–100 while the bytes move. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

const percentOf = (event: { loaded: number; total?: number }, onProgress?: (percent: number) => void) => {
  if (event.total) onProgress?.(Math.round((event.loaded / event.total) * 100));
};

/** POST /api/attachments: one image or file, as multipart field `file`. */
export async function uploadAttachment(
  file: File,
  options: TransferOptions & { purpose?: 'attachment' | 'avatar' } = {},
): Promise<Attachment> {
  const { purpose, onProgress, signal } = options;
  const form = new FormData();
  form.append('file', file);
  const request = api.post<{ attachment: Attachment }>('/api/attachments', form, {
    params: purpose === 'avatar' ? { purpose } : undefined,
    signal,
    onUploadProgress: (event) => percentOf(event, onProgress),
  });
  // Settles at once on cancel, whatever the transport does with the signal.
  const { data } = await Promise.race([request, abortedBy(signal)]);
  return data.attachment;
}

/** GET of a file behind the API's bearer token (which a plain link cannot send): its bytes, with progress. */
export async function downloadAttachment(
  attachment: FileAttachment,
  options: Pick<TransferOptions, 'onProgress'> = {},
): Promise<Blob> {
  const { data } = await api.get<Blob>(attachment.url, {
    responseType: 'blob',
    onDownloadProgress: (event) => percentOf(event, options.onProgress),
  });
  return data;
}

function abortedBy(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const cancel = () => reject(new CanceledError());
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
  });
}

/** The reason to refuse an image (an avatar, a photo) before uploading it, or null when it may go. */
export function checkImageFile(file: File): string | null {
  if (!IMAGE_MIMES.includes(file.type)) return UNSUPPORTED_MESSAGE;
  if (file.size > MAX_IMAGE_BYTES) return TOO_BIG_MESSAGE;
  return null;
}

/**
 * How a file chosen for a message goes, by what its name and type declare (the server checks the bytes): as an
 * image, as a file, or not at all, with the reason.
 */
export function classifyAttachment(file: File): { kind: AttachmentKind } | { refusal: string } {
  const declared = declaredTypeOf(file.name, file.type);
  if (declared === 'image') {
    const refusal = checkImageFile(file);
    return refusal ? { refusal } : { kind: 'image' };
  }
  if (declared === 'unknown') return { refusal: UNSUPPORTED_FILE_MESSAGE };
  return file.size > MAX_FILE_BYTES ? { refusal: FILE_TOO_BIG_MESSAGE } : { kind: 'file' };
}

/**
 * The wording for an upload the server refused: too large (413) by the limit of its kind; a type refused (415) as
 * the server explains it for a file (its bytes are not what its name says), in general terms for an image; a server
 * too busy to take it now (503: its upload budget is full, or it is briefly unavailable) as one to send again.
 */
export function uploadErrorMessage(error: unknown, kind: AttachmentKind = 'image'): string {
  if (hasStatus(error, 413)) return kind === 'image' ? TOO_BIG_MESSAGE : FILE_TOO_BIG_MESSAGE;
  if (hasStatus(error, 415)) return kind === 'image' ? UNSUPPORTED_MESSAGE : getErrorMessage(error);
  if (hasStatus(error, 503)) return SERVER_BUSY_MESSAGE;
  return getErrorMessage(error);
}
