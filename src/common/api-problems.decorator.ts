import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ProblemDetails } from './problem.js';

const WHEN: Record<number, string> = {
  400: 'Invalid input: the fields are listed in `errors`',
  401: 'No valid access token',
  403: 'The caller’s role or organisation does not allow this',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  422: 'Understood, but breaks a domain rule',
  429: 'Too many attempts',
  503: 'A dependency is not available',
};

/** Documents the problem+json errors an endpoint can answer with. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status] ?? STATUS_CODES[status],
        content: {
          'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) } },
        },
      }),
    ),
  );
}
