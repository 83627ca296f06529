import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '../database/postgres-errors.js';
import { type ProblemDetails, ProblemException, problemType } from './problem.js';

/** Codes for errors raised by the framework rather than by our services. */
const FRAMEWORK_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  431: 'request-header-fields-too-large',
};

/** The database cannot be reached (the rate limiter answers the same code for Redis). */
const DATABASE_UNAVAILABLE = {
  code: 'dependency-unavailable',
  detail: 'The database cannot be reached for a moment; try again',
};

/** The members every problem has, for an error raised by the framework or Node's HTTP parser. */
export function frameworkProblem(
  status: number,
  detail: string,
): Pick<ProblemDetails, 'type' | 'title' | 'status' | 'detail' | 'code'> {
  const code = FRAMEWORK_CODES[status] ?? (status >= 500 ? 'internal-error' : 'client-error');
  return {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status: status || HttpStatus.INTERNAL_SERVER_ERROR,
    detail,
    code,
  };
}

function frameworkDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Turns every error into RFC 9457 problem+json; unexpected ones are logged and not leaked. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (isDatabaseUnavailable(exception)) {
      // An outage, not a bug: one line per request, no stack.
      this.logger.warn({ requestId: request.id }, `database unavailable: ${String(exception)}`);
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    if (response.headersSent) return;
    if (typeof problem.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, request: Request & { id?: string }): ProblemDetails {
    const base = { instance: request.originalUrl ?? request.url, requestId: request.id };
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      // Extensions never override the members RFC 9457 defines.
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: exception.detail,
        code: exception.code,
        ...base,
      };
    }
    if (exception instanceof HttpException) {
      // Nest maps body-parser errors to HttpExceptions that keep the parser's error as cause.
      const parseFailed =
        (exception.cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed';
      const detail = parseFailed
        ? `The request body is not valid JSON (${exception.message})`
        : frameworkDetail(exception);
      return this.framework(exception.getStatus(), detail, base);
    }
    if (isDatabaseUnavailable(exception)) {
      // Stopped or restarting: nothing was done, and the same request may succeed shortly.
      return {
        type: problemType(DATABASE_UNAVAILABLE.code),
        title: STATUS_CODES[503] ?? 'Error',
        status: 503,
        detail: DATABASE_UNAVAILABLE.detail,
        code: DATABASE_UNAVAILABLE.code,
        retryAfterSeconds: 1,
        ...base,
      };
    }
    return this.framework(500, 'An unexpected error occurred; it has been logged', base);
  }

  private framework(
    status: number,
    detail: string,
    base: { instance: string; requestId?: string },
  ): ProblemDetails {
    return { ...frameworkProblem(status, detail), ...base };
  }
}
