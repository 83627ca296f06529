import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { frameworkProblem } from './problem.filter.js';

/** What Node's HTTP parser (llhttp) says of a request it could not read. */
interface ParseError extends Error {
  code?: string;
  reason?: string;
}

function statusAndDetail(error: ParseError): [number, string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        `The request's header fields exceed the ${maxHeaderSize} bytes this server reads`,
      ];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'The chunk extensions of the request body are larger than this server reads'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'The request did not arrive in time'];
    default:
      return [
        400,
        `The request is not well-formed HTTP (${error.reason ?? error.code ?? 'unreadable'})`,
      ];
  }
}

/**
 * Requests Node's HTTP parser refuses (header fields over the limit, a malformed request line)
 * never reach Express or the problem filter, and Node answers them with a bare status line. This
 * answers them as problem+json on the socket instead, with a request id that the log line shares.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  const logger = new Logger('HttpServer');
  server.on('clientError', (error: ParseError, socket: Duplex) => {
    // An answer already under way, or a peer that went away, can be told nothing more.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    const [status, detail] = statusAndDetail(error);
    const body = JSON.stringify({ ...frameworkProblem(status, detail), requestId });
    logger.log({ requestId, status, parseError: error.code }, 'request refused by the HTTP parser');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
      () => socket.destroy(),
    );
  });
}
