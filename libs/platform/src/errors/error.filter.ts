import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';
import { AppError, COMMON_ERROR_CODES } from './app-error';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: readonly string[];
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: COMMON_ERROR_CODES.notFound,
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: COMMON_ERROR_CODES.payloadTooLarge,
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: COMMON_ERROR_CODES.rateLimited,
  503: 'UNAVAILABLE',
};

function isHealthReport(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}

/**
 * HTTP: one shape for every error, `{ statusCode, code, message, details? }`, never a stack trace.
 * Kafka events: the error goes back unchanged to the consumer, which decides between retry, DLQ
 * and waiting for infrastructure (Nest's default would flatten it into a generic object).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (exception instanceof HttpException && isHealthReport(exception.getResponse())) {
      // Readiness failures keep Terminus' report: which dependency is down, and why.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.httpStatus,
        code: exception.code,
        message: exception.message,
        ...(exception.details.length ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException && exception.cause instanceof SyntaxError) {
      return {
        statusCode: 400,
        code: COMMON_ERROR_CODES.malformedJson,
        message: `request body is not valid JSON: ${exception.cause.message}`,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        statusCode: status,
        code: STATUS_CODES[status] ?? `HTTP_${status}`,
        message: exception.message,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: COMMON_ERROR_CODES.internal,
      message: 'internal error',
    };
  }
}
