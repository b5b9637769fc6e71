/**
 * Maps logical topic names (from the registry) to physical ones. A prefix lets test suites
 * and sandboxes share one broker without seeing each other's events.
 */
export class TopicNamer {
  constructor(readonly prefix = '') {}

  physical(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  logical(physical: string): string {
    return this.prefix && physical.startsWith(this.prefix)
      ? physical.slice(this.prefix.length)
      : physical;
  }
}
