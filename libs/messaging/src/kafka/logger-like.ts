/** The logging surface messaging needs; Nest's LoggerService satisfies it. */
export interface LoggerLike {
  log(message: unknown, ...optional: unknown[]): void;
  warn(message: unknown, ...optional: unknown[]): void;
  error(message: unknown, ...optional: unknown[]): void;
  debug?(message: unknown, ...optional: unknown[]): void;
}

export const consoleLogger: LoggerLike = console;
