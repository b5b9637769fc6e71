import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import {
  formatDeadLetter,
  formatDeadLetters,
  formatDlqTopics,
  formatRedriven,
  listDeadLetters,
  listDlqTopics,
  redrive,
  showDeadLetter,
} from '../dlq/dlq';

const print = (text: string) => process.stdout.write(`${text}\n`);

export function registerDlqCommand(program: Command, context: () => CliContext): void {
  const dlq = program
    .command('dlq')
    .description('inspect dead-lettered messages and send chosen ones back to their topic');

  dlq
    .command('list')
    .description(
      'without a topic: every .dlq topic with its message count; with one: its messages (read without committing offsets)',
    )
    .argument('[topic]', 'a dead-letter topic, for example orders.orders.v1.dlq')
    .option('--json', 'print JSON instead of a table')
    .action(async (topic: string | undefined, options: { json?: boolean }) => {
      if (topic === undefined) {
        const counts = await listDlqTopics(context());
        print(options.json ? JSON.stringify(counts, null, 2) : formatDlqTopics(counts));
        return;
      }
      const letters = await listDeadLetters(context(), topic);
      print(
        options.json
          ? JSON.stringify(
              letters.map(({ value: _value, headers: _headers, ...rest }) => rest),
              null,
              2,
            )
          : formatDeadLetters(topic, letters),
      );
    });

  dlq
    .command('show')
    .description('one dead letter: its dlq-* headers (error, attempts, origin) and its value')
    .argument('<topic>', 'a dead-letter topic, for example orders.orders.v1.dlq')
    .argument('<position>', '<partition>:<offset>, as dlq list shows it')
    .option('--json', 'print JSON')
    .action(async (topic: string, position: string, options: { json?: boolean }) => {
      const letter = await showDeadLetter(context(), topic, position);
      print(options.json ? JSON.stringify(letter, null, 2) : formatDeadLetter(topic, letter));
    });

  dlq
    .command('redrive')
    .description(
      'send dead letters back to their original topic (key, value and non-dlq headers, plus simpul-redriven-from)',
    )
    .argument('<topic>', 'a dead-letter topic, for example orders.orders.v1.dlq')
    .argument('[positions...]', '<partition>:<offset> of each message to send back')
    .option('--all', 'every message the dead-letter topic keeps')
    .option('--json', 'print JSON')
    .action(
      async (topic: string, positions: string[], options: { all?: boolean; json?: boolean }) => {
        if (options.all && positions.length > 0) {
          throw new UsageError('dlq redrive takes --all or positions, not both');
        }
        if (!options.all && positions.length === 0) {
          throw new UsageError(
            'dlq redrive needs --all or the <partition>:<offset> of each message to send back',
          );
        }
        const sent = await redrive(context(), topic, options.all ? { all: true } : { positions });
        print(options.json ? JSON.stringify(sent, null, 2) : formatRedriven(topic, sent));
      },
    );
}
