import type { Request } from 'express';
import busboy from 'busboy';
import { MAX_FILE_BYTES } from '@messenger/contract';
import { AppError, badRequest } from '../../lib/errors';
import type { DeclaredFile } from './file-detection';
import { uploadsBusy, type UploadReservation } from './upload-budget';
import { uploadTooSlow, watchPace, type UploadPace } from './upload-pace';

export interface ReceivedFile extends DeclaredFile {
  bytes: Buffer;
}

const tooLarge = (maxBytes: number) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);

/**
 * Reads the multipart field `file` as it streams in, with the name and type the client declared for it, and stops
 * the moment it passes the bytes that `maxBytesFor` allows for that declaration (413): a large upload is never held
 * in memory whole before the size check. What it holds is reserved from the upload budget first: the declared
 * Content-Length before anything is read (no more than the largest upload may be), or, without one, each chunk as it
 * comes; past the budget it stops there too (503). A client that goes away mid-upload ends it as an error, and so
 * does one that sends slower than the pace (408), so that neither holds its reservation.
 */
export function receiveFile(
  req: Request,
  reservation: UploadReservation,
  pace: UploadPace,
  maxBytesFor: (declared: DeclaredFile) => number,
): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    if (!req.is('multipart/form-data')) {
      reject(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data, field "file"'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 5 }, defParamCharset: 'utf8' });
    } catch {
      reject(badRequest('Malformed multipart body'));
      return;
    }
    let settled = false;
    let stopWatchingPace: () => void = () => undefined;
    const finish = (error: Error | null, file?: ReceivedFile) => {
      if (settled) return;
      settled = true;
      stopWatchingPace();
      if (error) {
        req.unpipe(parser);
        req.resume();
        reject(error);
      } else if (file) resolve(file);
    };
    if (!reservation.cover(Math.min(Number(req.headers['content-length']) || 0, MAX_FILE_BYTES))) {
      finish(uploadsBusy());
      return;
    }
    stopWatchingPace = watchPace(req, pace, () => finish(uploadTooSlow(pace)));
    req.once('close', () => {
      if (!req.complete) finish(badRequest('The upload ended before the whole file had arrived'));
    });
    let received: ReceivedFile | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const declared = { name: info.filename ?? '', mimeType: info.mimeType };
      const maxBytes = maxBytesFor(declared);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        const refusal = size > maxBytes ? tooLarge(maxBytes) : reservation.cover(size) ? undefined : uploadsBusy();
        if (refusal) {
          chunks.length = 0;
          finish(refusal);
        } else if (!settled) chunks.push(chunk);
      });
      stream.on('end', () => {
        received = { ...declared, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('error', () => finish(badRequest('Malformed multipart body')));
    parser.on('close', () => {
      if (!received) finish(badRequest('No file in the "file" field'));
      else if (received.bytes.length === 0) finish(badRequest('The file is empty'));
      else finish(null, received);
    });
    req.pipe(parser);
  });
}
