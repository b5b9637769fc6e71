/** The last lines a child printed, kept to explain a failure. */
export class Tail {
  private readonly kept: string[] = [];

  constructor(private readonly size: number) {}

  push(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.size) this.kept.shift();
  }

  lines(): string[] {
    return [...this.kept];
  }
}

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/** What a line shows once every `\r` rewrite has been drawn: its last non-empty part. */
const lastDrawn = (line: string) =>
  line
    .split('\r')
    .filter((part) => part !== '')
    .pop() ?? '';

/**
 * Copies a child's output with a prefix on every line. Progress counters that rewrite their line
 * with `\r` are redrawn in place on a terminal, and shown once, as last drawn, in a log file.
 */
export class PrefixedOutput {
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly out: Output,
    private readonly tail: Tail,
  ) {}

  write(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.emit(lastDrawn(line));
    if (this.out.isTTY && this.partial !== '') {
      this.out.write(`\r${this.prefix}${lastDrawn(this.partial)}\x1b[K`);
    }
  }

  /** Flushes a last line that ended without a newline. */
  end(): void {
    if (this.partial !== '') this.emit(lastDrawn(this.partial));
    this.partial = '';
  }

  private emit(line: string): void {
    this.out.write(this.out.isTTY ? `\r${this.prefix}${line}\x1b[K\n` : `${this.prefix}${line}\n`);
    this.tail.push(line);
  }
}
