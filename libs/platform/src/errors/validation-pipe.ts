import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@simpul/contracts';
import { AppError, COMMON_ERROR_CODES } from './app-error';

/** Request validation: unknown fields are refused, and every problem is listed with its path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
