import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@simpul/contracts';
import { AppError, COMMON_ERROR_CODES } from './app-error';

/** Deeper JSON than any request of simpul needs; class-transformer would overflow the stack. */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string, path: string): string | undefined {
  if (text.includes('\u0000')) return `${path}: must not contain NUL characters`;
  if (LONE_SURROGATE.test(text)) return `${path}: must be well-formed Unicode (no lone surrogates)`;
  return undefined;
}

/**
 * What PostgreSQL or the transformer cannot take, found before validation (iteratively, so a
 * hostile nesting cannot overflow the stack here either): NUL characters and lone surrogates in
 * any string or key (PostgreSQL refuses both, as text and in jsonb), numbers that only exponent
 * notation can write (≥ 1e21 or tiny), and nesting deeper than {@link MAX_INPUT_DEPTH}.
 */
export function unsafeInputProblem(value: unknown, root: string): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof current === 'string') {
      const problem = textProblem(current, path);
      if (problem) return problem;
      continue;
    }
    if (typeof current === 'number' && /e/i.test(String(current))) {
      // 1e21, 5e-324: no amount, price or count of simpul is written so, and class-validator's
      // decimal-places check throws on them.
      return `${path || 'body'}: ${current} is out of range (too large or too small)`;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path}: nested deeper than ${MAX_INPUT_DEPTH} levels`;
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      const problem = textProblem(key, path || 'body');
      if (problem) return problem;
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Request validation: unknown fields are refused, and every problem is listed with its path.
 * Bodies, query strings and path parameters are first checked for what no DTO rule covers
 * ({@link unsafeInputProblem}): such input is a 400 VALIDATION_FAILED, never a database error.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const root = metadata.type === 'body' ? '' : (metadata.data ?? '');
      const problem = unsafeInputProblem(value, root);
      if (problem) {
        throw new AppError(
          COMMON_ERROR_CODES.validationFailed,
          `request is invalid: ${problem}`,
          400,
          [problem],
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new AppError(
        COMMON_ERROR_CODES.validationFailed,
        `request is invalid: ${details.join('; ')}`,
        400,
        details,
      );
    },
  });
}
