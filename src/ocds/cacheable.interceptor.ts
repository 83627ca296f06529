import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { map, type Observable } from 'rxjs';
import { canonicalJson } from '../common/canonical-json.js';

/**
 * Public, cacheable answers: a strong ETag over the canonical JSON of the body, so that a
 * client's If-None-Match gets 304 (Express compares them when the body is sent), and a short
 * shared-cache lifetime, as new releases may appear at any time.
 */
@Injectable()
export class CacheableInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const digest = createHash('sha256').update(canonicalJson(body)).digest('base64url');
        response.setHeader('ETag', `"${digest}"`);
        response.setHeader('Cache-Control', 'public, max-age=60');
        return body;
      }),
    );
  }
}
