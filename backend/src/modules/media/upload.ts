import type { Request } from 'express';
import busboy from 'busboy';
import { AppError, badRequest } from '../../lib/errors';

const tooLarge = (maxBytes: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);

/**
 * Reads the multipart field `file` as it streams in, and stops the moment it passes `maxBytes` (413): a large upload
 * is never held in memory whole before the size check.
 */
export function receiveFile(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (!req.is('multipart/form-data')) {
      reject(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload the image as multipart/form-data, field "file"'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      // busboy stops at fileSize bytes and reports 'limit': one byte more than allowed tells "too large" apart.
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1, files: 1, fields: 5 } });
    } catch {
      reject(badRequest('Malformed multipart body'));
      return;
    }
    let settled = false;
    const finish = (error: Error | null, file?: Buffer) => {
      if (settled) return;
      settled = true;
      if (error) {
        req.unpipe(parser);
        req.resume();
        reject(error);
      } else resolve(file ?? Buffer.alloc(0));
    };
    let received: Buffer | undefined;
    parser.on('file', (field, stream) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => finish(tooLarge(maxBytes)));
      stream.on('end', () => {
        received = Buffer.concat(chunks);
      });
    });
    parser.on('error', () => finish(badRequest('Malformed multipart body')));
    parser.on('close', () => {
      if (!received) finish(badRequest('No file in the "file" field'));
      else if (received.length === 0) finish(badRequest('The file is empty'));
      else finish(null, received);
    });
    req.pipe(parser);
  });
}
