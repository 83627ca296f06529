import { HttpException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Problem types are stable URNs; `code` repeats the last part for clients that switch on it. */
export const problemType = (code: string): string => `urn:soczakaz:problem:${code}`;

export class FieldError {
  @ApiProperty({ example: 'email', description: 'Dotted path of the offending field' })
  field: string;

  @ApiProperty({ example: ['email must be an email'] })
  messages: string[];
}

/** RFC 9457 problem details, as every error of this API is sent (application/problem+json). */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:soczakaz:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Request validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'email must be an email' })
  detail: string;

  @ApiProperty({ example: '/auth/login' })
  instance: string;

  @ApiProperty({ example: 'validation-failed' })
  code: string;

  @ApiPropertyOptional({ example: '3f1c6a55-0b8e-4d0c-9f43-6a9e1a8d6d2e' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  [extension: string]: unknown;
}

/**
 * The one exception class of the API: a status, a stable code, a human detail and optional
 * extension members (e.g. the current version of a lot on a conflict).
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}
