/** Defaults of the HTTP limits; each service may set its own, and the environment overrides. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
export const DEFAULT_JSON_BODY_LIMIT = '1mb';
/** The pricing CSV import (text/csv) takes larger bodies. */
export const CSV_BODY_LIMIT = '20mb';
