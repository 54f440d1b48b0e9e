import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import request from 'supertest';

interface PartialUploadOptions {
  filename?: string;
  contentType?: string;
  /** Bytes of the whole multipart body to send at once; the rest goes when `finish` is called. Half by default. */
  sendFirst?: number;
  /** Sent without Content-Length (chunked), as a client streaming a body of unknown length does. */
  chunked?: boolean;
  /** After the first part, the rest goes `bytes` at a time every `everyMs` ms, to its end or until an answer comes. */
  trickle?: { bytes: number; everyMs: number };
}

/**
 * A multipart upload of which only the first part is sent now, and the rest (the end of the file and the closing
 * boundary) when `finish` is called: an upload still under way while the test looks at the server. With `trickle`, a
 * client on a slow link instead, or one that barely sends in order to hold the server.
 */
export function partialUpload(port: number, token: string, file: Buffer, options: PartialUploadOptions = {}) {
  const { filename = 'a.png', contentType = 'image/png' } = options;
  const boundary = 'slow-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const first = Math.min(options.sendFirst ?? Math.floor(body.length / 2), body.length - 1);
  let sent = first;
  let trickle: NodeJS.Timeout | undefined;
  const stopTrickling = () => clearInterval(trickle);
  let finish: () => void = () => undefined;
  let abort: () => void = () => undefined;
  const response = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/attachments',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          ...(options.chunked ? {} : { 'Content-Length': body.length }),
        },
      },
      (res) => {
        stopTrickling();
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', (error) => {
      stopTrickling();
      reject(error);
    });
    req.write(body.subarray(0, first));
    const { trickle: pace } = options;
    if (pace) {
      trickle = setInterval(() => {
        const next = Math.min(sent + pace.bytes, body.length);
        if (next === body.length) finish();
        else req.write(body.subarray(sent, next));
        sent = next;
      }, pace.everyMs);
    }
    finish = () => {
      stopTrickling();
      if (!req.writableEnded) req.end(body.subarray(sent));
    };
    abort = () => {
      stopTrickling();
      req.destroy();
    };
  });
  return { response, finish: () => finish(), abort: () => abort() };
}

/** A multipart upload whose first half is sent now and whose second half is sent when `finish` is called. */
export const slowUpload = (port: number, token: string, file: Buffer) => partialUpload(port, token, file);

/** GET of an attachment with its bytes collected, whatever its Content-Type. */
export const downloadBytes = (url: string, auth: Record<string, string>, path: string) =>
  request(url)
    .get(path)
    .set(auth)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
