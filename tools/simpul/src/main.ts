import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { cliContext, type CliContext, type GlobalOptions } from './cli-context';
import { EXIT, ExitWith, UsageError } from './cli-error';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerDlqCommand } from './commands/dlq.command';
import { registerRepublishCommand } from './commands/republish.command';
import { registerExportCommand } from './commands/export.command';
import { registerTopicsCommand } from './commands/topics.command';

/** The `simpul` command: what analysts and operators do with the event log. */
export function buildProgram(): Command {
  const program = new Command('simpul')
    .description(
      'Read, export, rebuild and replay the simpul event log without disturbing the running system.',
    )
    .option(
      '--brokers <list>',
      'Kafka bootstrap servers',
      process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    )
    .option(
      '--prefix <prefix>',
      'topic and group prefix of the deployment (KAFKA_TOPIC_PREFIX)',
      process.env['KAFKA_TOPIC_PREFIX'] ?? '',
    )
    .option('--verbose', 'show Kafka client warnings and stack traces')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  let context: CliContext | undefined;
  const lazyContext = () => (context ??= cliContext(program.opts<GlobalOptions>()));
  registerTopicsCommand(program, lazyContext);
  registerRebuildCommand(program, lazyContext);
  registerRepublishCommand(program, lazyContext);
  registerDlqCommand(program, lazyContext);
  // one line per command: export, rebuild, republish, dlq
  registerExportCommand(program, lazyContext);
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed the problem otherwise.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ExitWith) return error.exitCode;
    if (error instanceof UsageError) {
      process.stderr.write(`simpul: ${error.message}\n`);
      return EXIT.usage;
    }
    const verbose = program.opts<GlobalOptions>().verbose;
    process.stderr.write(
      `simpul: ${verbose ? ((error as Error).stack ?? String(error)) : (error as Error).message}\n`,
    );
    return EXIT.failed;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
