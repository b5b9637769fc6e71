import { once } from 'node:events';
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { BasicType, ColumnSource, ParquetWriter, Writer } from 'hyparquet-writer';
import type { ExportColumn } from './export-columns';
import type { ExportRecord } from './export-reader';

export type ExportFormat = 'ndjson' | 'csv' | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'csv', 'parquet'];

/** Where merged records go, in order. */
export interface ExportSink {
  /** Records written (tombstones, which have no value, are skipped). */
  readonly written: number;
  readonly skipped: number;
  write(record: ExportRecord): void;
  /** Hands buffered output to the file or stream once enough has gathered; waits for it to drain. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = Buffer.from('\n');

/** Buffered writes to a file or stdout, with backpressure. */
class Output {
  private parts: Buffer[] = [];
  private size = 0;
  private readonly stream: Writable;
  private readonly ownsStream: boolean;
  private failure: Error | undefined;

  constructor(file: string | undefined) {
    this.ownsStream = file !== undefined && file !== '-';
    this.stream = this.ownsStream ? createWriteStream(file as string) : process.stdout;
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  push(buffer: Buffer): void {
    this.parts.push(buffer);
    this.size += buffer.length;
  }

  async flush(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.size === 0 || (!force && this.size < CHUNK_BYTES)) return;
    const chunk = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    if (this.ownsStream) {
      this.stream.end();
      await once(this.stream, 'finish');
    }
    if (this.failure) throw this.failure;
  }
}

/** One envelope per line, the record value as it is on the topic. */
export class NdjsonSink implements ExportSink {
  written = 0;
  skipped = 0;
  private readonly output: Output;

  constructor(file: string | undefined) {
    this.output = new Output(file);
  }

  write(record: ExportRecord): void {
    const value = record.value;
    if (value === null) {
      this.skipped++;
      return;
    }
    // A value is one JSON line as the services write it; anything else (a dead letter can be
    // malformed) is made one line: re-serialised JSON, or the text as a JSON string.
    if (value.indexOf(10) === -1 && value.length > 0) {
      this.output.push(value);
    } else {
      const text = value.toString('utf8');
      let line: string;
      try {
        line = JSON.stringify(JSON.parse(text));
      } catch {
        line = JSON.stringify(text);
      }
      this.output.push(Buffer.from(line));
    }
    this.output.push(NEWLINE);
    this.written++;
  }

  flush(): Promise<void> {
    return this.output.flush();
  }

  close(): Promise<void> {
    return this.output.close();
  }
}

/** The value of one column for one record: a string, number, boolean or bigint; null if absent. */
type Cell = string | number | boolean | bigint | null;

function parseEnvelope(value: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function headerText(record: ExportRecord, name: string): string | null {
  const value = record.headers?.[name];
  if (value === undefined) return null;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}

/** Turns a record into the cells of `columns`, in column order. */
export function rowCells(
  columns: readonly ExportColumn[],
  logicalTopic: string,
  record: ExportRecord,
): Cell[] {
  const envelope = record.value ? parseEnvelope(record.value) : undefined;
  return columns.map((column) => {
    switch (column.source) {
      case 'kafka':
        switch (column.path[0]) {
          case 'topic':
            return logicalTopic;
          case 'partition':
            return record.partition;
          case 'offset':
            return BigInt(record.offset);
          case 'timestamp':
            return record.timestamp;
          default:
            return record.key === null ? null : record.key.toString('utf8');
        }
      case 'header':
        return headerText(record, column.path[0]);
      default: {
        let node: unknown = envelope;
        for (const step of column.path) {
          node =
            node !== null && typeof node === 'object' && !Array.isArray(node)
              ? (node as Record<string, unknown>)[step]
              : undefined;
        }
        if (node === undefined || node === null) return null;
        if (typeof node === 'object') return JSON.stringify(node);
        if (column.kind === 'string') return String(node);
        if (column.kind === 'number' || column.kind === 'int32')
          return typeof node === 'number' ? node : null;
        if (column.kind === 'boolean') return typeof node === 'boolean' ? node : null;
        return node as Cell;
      }
    }
  });
}

function csvField(cell: Cell, column: ExportColumn): string {
  if (cell === null) return '';
  if (column.kind === 'timestamp') return new Date(Number(cell)).toISOString();
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row: the columns of exportColumns(). */
export class CsvSink implements ExportSink {
  written = 0;
  skipped = 0;
  private readonly output: Output;
  private lines: string[] = [];
  private pending = 0;

  constructor(
    file: string | undefined,
    private readonly columns: readonly ExportColumn[],
    private readonly logicalTopic: string,
  ) {
    this.output = new Output(file);
    this.lines.push(columns.map((c) => csvField(c.name, { ...c, kind: 'string' })).join(','));
  }

  write(record: ExportRecord): void {
    if (record.value === null) {
      this.skipped++;
      return;
    }
    const cells = rowCells(this.columns, this.logicalTopic, record);
    const line = cells.map((cell, i) => csvField(cell, this.columns[i])).join(',');
    this.lines.push(line);
    this.pending += line.length;
    this.written++;
  }

  private drainLines(): void {
    if (this.lines.length === 0) return;
    this.output.push(Buffer.from(`${this.lines.join('\r\n')}\r\n`));
    this.lines = [];
    this.pending = 0;
  }

  async flush(): Promise<void> {
    if (this.pending >= CHUNK_BYTES) {
      this.drainLines();
      await this.output.flush();
    }
  }

  async close(): Promise<void> {
    this.drainLines();
    await this.output.close();
  }
}

const PARQUET_TYPES: Record<ExportColumn['kind'], BasicType> = {
  string: 'STRING',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  int32: 'INT32',
  int64: 'INT64',
  timestamp: 'TIMESTAMP',
};

const REQUIRED = new Set(['topic', 'partition', 'offset', 'timestamp']);

/**
 * hyparquet-writer is an ES module (loaded through require(esm)): it is loaded only when a Parquet
 * export starts, so the other commands (and their tests) never load it.
 */
function hyparquetWriter(): typeof import('hyparquet-writer') {
  return require('hyparquet-writer') as typeof import('hyparquet-writer');
}

/** hyparquet-writer's ByteWriter, flushed to a file descriptor once a megabyte has gathered. */
function fileByteWriter(file: string): Writer {
  const fd = openSync(file, 'w');
  const writer = new (hyparquetWriter().ByteWriter)() as unknown as Writer & { index: number };
  const flush = () => {
    if (writer.index > 0) writeSync(fd, new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  const grow = writer.ensure.bind(writer);
  writer.ensure = (size: number) => {
    if (writer.index > CHUNK_BYTES) flush();
    grow(size);
  };
  writer.flush = flush;
  writer.finish = () => {
    flush();
    closeSync(fd);
  };
  return writer;
}

/** Rows per Parquet row group: large enough for good compression, small enough for memory. */
export const PARQUET_ROW_GROUP = 50_000;

/** Apache Parquet through hyparquet-writer (SNAPPY), typed columns, row groups of 50,000. */
export class ParquetSink implements ExportSink {
  written = 0;
  skipped = 0;
  private readonly writer: ParquetWriter;
  private data: Cell[][];

  constructor(
    file: string,
    private readonly columns: readonly ExportColumn[],
    private readonly logicalTopic: string,
  ) {
    this.data = columns.map(() => []);
    const { ParquetWriter, schemaFromColumnData } = hyparquetWriter();
    this.writer = new ParquetWriter({
      writer: fileByteWriter(file),
      schema: schemaFromColumnData({ columnData: this.columnSources(columns.map(() => [])) }),
      createdBy: 'simpul export (hyparquet-writer)',
      kvMetadata: [{ key: 'simpul.topic', value: logicalTopic }],
    });
  }

  private columnSources(data: Cell[][]): ColumnSource[] {
    return this.columns.map((column, i) => ({
      name: column.name,
      type: PARQUET_TYPES[column.kind],
      nullable: !REQUIRED.has(column.name) || column.source !== 'kafka',
      data: data[i] as ColumnSource['data'],
    }));
  }

  write(record: ExportRecord): void {
    if (record.value === null) {
      this.skipped++;
      return;
    }
    const cells = rowCells(this.columns, this.logicalTopic, record);
    for (let i = 0; i < cells.length; i++) this.data[i].push(cells[i]);
    this.written++;
  }

  private async writeRowGroup(): Promise<void> {
    const rows = this.data[0]?.length ?? 0;
    if (rows === 0) return;
    const columnData = this.columnSources(this.data);
    this.data = this.columns.map(() => []);
    await this.writer.write({ columnData, rowGroupSize: rows });
  }

  async flush(): Promise<void> {
    if ((this.data[0]?.length ?? 0) >= PARQUET_ROW_GROUP) await this.writeRowGroup();
  }

  async close(): Promise<void> {
    await this.writeRowGroup();
    await this.writer.finish();
  }
}
