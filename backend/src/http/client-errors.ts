import type { Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over 16 KB, bytes that are not
 * HTTP) get the contract's JSON error like every other bad input, instead of Node's empty 400/431.
 */
export function answerMalformedRequests(server: HttpServer): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'HEADERS_TOO_LARGE', message: 'The request line and headers must stay under 16 KB' }
        : { code: 'MALFORMED_REQUEST', message: 'This is not a well-formed HTTP request' },
    });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
