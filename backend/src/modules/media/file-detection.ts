import { isUtf8 } from 'node:buffer';
import {
  declaredTypeOf,
  FILE_TYPES,
  MAX_FILE_BYTES,
  MAX_IMAGE_BYTES,
  type AttachmentPurpose,
  type FileType,
} from '@messenger/contract';
import { AppError } from '../../lib/errors';

/** What an upload turned out to be: an image for the image pipeline, or one of the documents we store as sent. */
export type DetectedUpload = { kind: 'image' } | { kind: 'file'; type: FileType };

/** What the multipart part said about the file: its name and Content-Type, both the client's word only. */
export interface DeclaredFile {
  name: string;
  mimeType: string;
}

const unsupported = (message: string) => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message);

/** The types file-type recognises by their signature that we store as files, by its extension for them. */
const SIGNED_TYPES: Partial<Record<string, FileType>> = {
  pdf: 'pdf',
  zip: 'zip',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
};
/** Legacy Office documents are OLE compound files (file-type's `cfb`), which only their name tells apart. */
const COMPOUND_FILE_TYPES: readonly FileType[] = ['doc', 'xls', 'ppt'];
const TEXT_TYPES: readonly FileType[] = ['text', 'csv'];

/**
 * The most bytes to read for this upload, decided while it streams: an avatar or a file declared as an image is an
 * image (10 MB); anything else may be a document (25 MB), and an image among those is held to 10 MB once its
 * bytes are known.
 */
export function maxUploadBytes(purpose: AttachmentPurpose, declared: DeclaredFile): number {
  const image = purpose === 'avatar' || declaredTypeOf(declared.name, declared.mimeType) === 'image';
  return image ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
}

/**
 * Decides what the bytes are, with file-type (a maintained signature library: PDF, ZIP, and the Office Open XML
 * documents told apart by their [Content_Types].xml entry) and, for text, which has no signature, by a rule: valid
 * UTF-8 without NUL bytes. The declaration must agree: a file named or typed as one of FILE_TYPES must be that type
 * (text and CSV, both just text, are told apart by the declaration alone; so are the legacy .doc, .xls and .ppt,
 * all one compound-file format); one declared as an image goes to the image pipeline, which reads it itself.
 * An upload that declares nothing we know (`photo.bin`, application/octet-stream) is what its signature says, if it
 * has one we take. Anything else: 415.
 */
export async function detectUpload(bytes: Buffer, declared: DeclaredFile): Promise<DetectedUpload> {
  const claimed = declaredTypeOf(declared.name, declared.mimeType);
  if (claimed === 'image') return { kind: 'image' };
  if (claimed === 'unknown') {
    const signature = await signatureOf(bytes);
    if (signature?.mime.startsWith('image/')) return { kind: 'image' };
    const signed = signature && SIGNED_TYPES[signature.ext];
    if (signed) return { kind: 'file', type: signed };
    throw unsupported('Only images, PDF, text, CSV, ZIP and Office documents can be sent');
  }
  const label = FILE_TYPES[claimed].label;
  if (TEXT_TYPES.includes(claimed)) {
    if (isUtf8(bytes) && !bytes.includes(0)) return { kind: 'file', type: claimed };
    throw unsupported(`The file is not UTF-8 text, which its name or type (${label}) says it is`);
  }
  const signature = await signatureOf(bytes);
  const matches = COMPOUND_FILE_TYPES.includes(claimed)
    ? signature?.ext === 'cfb'
    : signature !== undefined && SIGNED_TYPES[signature.ext] === claimed;
  if (matches) return { kind: 'file', type: claimed };
  throw unsupported(`The file is not the ${label} file that its name or type says`);
}

const loadFileType = () => import('file-type');
let fileTypeModule: ReturnType<typeof loadFileType> | undefined;

/**
 * file-type is published as an ES module only; this CommonJS server loads it with import(), which Node (and Jest
 * with --experimental-vm-modules) supports from CommonJS, once, on the first upload that needs it.
 */
async function signatureOf(bytes: Buffer) {
  fileTypeModule ??= loadFileType();
  const { fileTypeFromBuffer } = await fileTypeModule;
  return fileTypeFromBuffer(bytes);
}
