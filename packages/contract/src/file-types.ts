// No zod here: the web app offers these types in its file picker and checks a file before it uploads it.

/**
 * The documents that POST /api/attachments takes besides images, each as the server serves it (`mime`), with what a
 * client may declare for it: the file name's extensions and the multipart part's Content-Type. The server decides
 * the type from the bytes; the declaration must agree with them (415 otherwise), and for text, which has no
 * signature, it decides between plain text and CSV.
 */
export const FILE_TYPES = {
  pdf: { label: 'PDF', mime: 'application/pdf', extensions: ['pdf'], declaredMimes: ['application/pdf'] },
  text: {
    label: 'Text',
    mime: 'text/plain',
    extensions: ['txt', 'text', 'log', 'md'],
    declaredMimes: ['text/plain', 'text/markdown'],
  },
  csv: { label: 'CSV', mime: 'text/csv', extensions: ['csv'], declaredMimes: ['text/csv', 'application/csv'] },
  zip: {
    label: 'ZIP',
    mime: 'application/zip',
    extensions: ['zip'],
    declaredMimes: ['application/zip', 'application/x-zip-compressed'],
  },
  docx: {
    label: 'Word',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    declaredMimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  xlsx: {
    label: 'Excel',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    declaredMimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  pptx: {
    label: 'PowerPoint',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    declaredMimes: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  },
  doc: { label: 'Word', mime: 'application/msword', extensions: ['doc'], declaredMimes: ['application/msword'] },
  xls: {
    label: 'Excel',
    mime: 'application/vnd.ms-excel',
    extensions: ['xls'],
    declaredMimes: ['application/vnd.ms-excel'],
  },
  ppt: {
    label: 'PowerPoint',
    mime: 'application/vnd.ms-powerpoint',
    extensions: ['ppt'],
    declaredMimes: ['application/vnd.ms-powerpoint'],
  },
} as const satisfies Record<string, FileTypeInfo>;

export interface FileTypeInfo {
  /** What a person calls it, for the file card. */
  label: string;
  mime: string;
  extensions: readonly string[];
  declaredMimes: readonly string[];
}

export type FileType = keyof typeof FILE_TYPES;

/** The image types that POST /api/attachments takes (re-encoded, with a thumbnail), by their declared types. */
export const IMAGE_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
} as const satisfies Record<string, readonly string[]>;

const imageExtensions: readonly string[] = Object.values(IMAGE_TYPES).flat();
const fileTypes = Object.entries(FILE_TYPES) as [FileType, FileTypeInfo][];

/** The lower-cased extension of a file name ("Report.PDF" → "pdf"), or "" when it has none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * What a file claims to be, from its name first and then its declared Content-Type: an image, one of FILE_TYPES,
 * or `unknown` (no extension or type that we know, such as `photo.bin` or application/octet-stream). The name wins
 * because browsers derive the type from it, and some derive surprising ones (Windows declares a .csv as
 * application/vnd.ms-excel).
 */
export function declaredTypeOf(fileName: string, mimeType: string): FileType | 'image' | 'unknown' {
  const extension = extensionOf(fileName);
  if (imageExtensions.includes(extension)) return 'image';
  const named = fileTypes.find(([, info]) => info.extensions.some((known) => known === extension));
  if (named) return named[0];
  const mime = mimeType.replace(/;.*$/s, '').trim().toLowerCase();
  if (mime.startsWith('image/')) return 'image';
  return fileTypes.find(([, info]) => info.declaredMimes.some((declared) => declared === mime))?.[0] ?? 'unknown';
}

/** The file type a served MIME type belongs to (the file card's label and icon), or null for any other. */
export function fileTypeOfMime(mime: string): FileType | null {
  return fileTypes.find(([, info]) => info.mime === mime)?.[0] ?? null;
}

/** The `accept` attribute of a file picker that offers every type POST /api/attachments takes. */
export const ATTACHMENT_ACCEPT = [
  ...Object.keys(IMAGE_TYPES),
  ...fileTypes.flatMap(([, info]) => [...info.extensions.map((extension) => `.${extension}`), ...info.declaredMimes]),
].join(',');
