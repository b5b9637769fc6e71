import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from '../config/base-service.config';

/** Structured logs: one JSON object per line on stdout, with the service name as context. */
export function createJsonLogger(service: string, level: LogLevelName = 'log'): ConsoleLogger {
  const enabled = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
  return new ConsoleLogger(service, { json: true, logLevels: enabled, colors: false });
}
