import type { Command } from 'commander';
import { type CliContext, parseInstant } from '../cli-context';
import { formatRepublish, parseRate, republish } from '../replay/republish';

export function registerRepublishCommand(program: Command, context: () => CliContext): void {
  program
    .command('republish')
    .description(
      'copy a time range of a topic into a sandbox topic (sandbox-<name>.<topic>), marked as a replay, at a chosen rate',
    )
    .argument('<topic>', 'logical topic name from the registry, for example orders.orders.v1')
    .requiredOption(
      '--from <time>',
      'first record time, inclusive (2026-11-20, 2026-11-20T06:00+07:00, 7d)',
    )
    .requiredOption('--to <time>', 'end of the range, exclusive (same forms as --from)')
    .requiredOption('--sandbox <name>', 'sandbox name: the copy goes to sandbox-<name>.<topic>')
    .option('--rate <events/s>', 'events per second (default: as fast as possible)')
    .action(
      async (
        topic: string,
        options: { from: string; to: string; sandbox: string; rate?: string },
      ) => {
        const now = Date.now();
        const request = {
          topic,
          fromMs: parseInstant(options.from, '--from', now),
          toMs: parseInstant(options.to, '--to', now),
          sandbox: options.sandbox,
          rate: parseRate(options.rate),
          showProgress: true,
        };
        const summary = await republish(context(), request);
        process.stdout.write(`${formatRepublish(summary, request)}\n`);
      },
    );
}
