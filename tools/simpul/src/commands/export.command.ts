import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { type ExportOptions, runExport, summaryLine } from '../export/run-export';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerExportCommand(program: Command, context: () => CliContext): void {
  program
    .command('export')
    .description(
      'write a range of a topic as NDJSON, CSV or Parquet, merged across partitions by record time; end offsets are fixed at the start, and no consumer group of the services is touched',
    )
    .argument(
      '<topic>',
      'a topic of the registry (catalog.offers.v1 …) or its dead-letter topic (….dlq)',
    )
    .option(
      '--from <when>',
      'start, inclusive: a time (2026-11-20, 2026-11-20T06:00+07:00, 6h, 7d ago) or offsets (offset:1200, or 0:1200,3:99 for those partitions only); default the start of the topic',
    )
    .option(
      '--to <when>',
      'end, exclusive: same forms as --from; default the end offsets when the export starts',
    )
    .option('--key <key>', 'only records with this message key')
    .option('--type <type>', 'only this event type (repeatable)', collect)
    .option('--commodity <code>', 'only events of this commodity (data.commodityCode, or the key)')
    .option('--format <format>', 'ndjson, csv or parquet', 'ndjson')
    .option('--out <file>', 'output file (default stdout; parquet needs a file)')
    .option('--no-progress', 'no progress on stderr')
    .action(async (topic: string, options: ExportOptions) => {
      const cli = context();
      const summary = await runExport(cli, topic, options);
      cli.note(summaryLine(summary));
    });
}
