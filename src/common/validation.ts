import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ProblemException } from './problem.js';

/** For `@Transform(trim)`: white space around a text field is not part of it. */
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Deeper than any request of the API nests; far below what would exhaust the stack. */
const MAX_REQUEST_DEPTH = 32;

/**
 * The field may be left out, but not sent as null: @IsOptional lets null through to columns
 * that are NOT NULL and to code that reads the value (a 500); here null meets the validators.
 */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Half of a surrogate pair: PostgreSQL jsonb refuses it (the NUL character is checked apart). */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * Refuses what no field may hold before anything walks the value recursively: nesting deeper
 * than MAX_REQUEST_DEPTH (the transformer and validator would exhaust the stack: a 500) and
 * text PostgreSQL cannot store (a 500). Iterative on purpose.
 */
function refuseUnstorable(value: unknown): void {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current === 'string') {
      if (current.includes('\u0000') || UNPAIRED_SURROGATE.test(current)) {
        throw new ProblemException(
          400,
          'unstorable-text',
          'Text may not contain the NUL character (U+0000) or an unpaired surrogate',
        );
      }
    } else if (typeof current === 'object' && current !== null && !ArrayBuffer.isView(current)) {
      if (depth >= MAX_REQUEST_DEPTH) {
        throw new ProblemException(
          400,
          'too-deeply-nested',
          `The request nests deeper than ${MAX_REQUEST_DEPTH} levels`,
        );
      }
      for (const [key, child] of Object.entries(current)) {
        pending.push([key, depth + 1], [child, depth + 1]);
      }
    }
  }
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') refuseUnstorable(value);
    return super.transform(value, metadata);
  }
}

/** Whitelisting, unknown fields refused, payloads transformed; errors name every field. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new ProblemException(
        400,
        'validation-failed',
        fields.map((error) => error.messages.join('; ')).join('; '),
        { errors: fields },
      );
    },
  });
}
