import { ALL_TOPICS, dlqTopicName } from '@simpul/contracts';
import type { Command } from 'commander';
import { ConfigResourceTypes } from 'kafkajs';
import type { CliContext } from '../cli-context';

export interface TopicReport {
  topic: string;
  inRegistry: boolean;
  partitions: number;
  /** Messages kept now: end offset minus start offset, over partitions. */
  messages: number;
  endOffsets: Record<number, string>;
  cleanupPolicy: string | null;
  retentionMs: number | null;
  groups: { groupId: string; lag: number }[];
}

/** Every topic under the prefix: partitions, offsets, retention or compaction, consumer-group lag. */
export async function topicReports(context: CliContext): Promise<TopicReport[]> {
  const { kafka, namer } = context;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const registry = new Set(ALL_TOPICS.flatMap((t) => [t.name, dlqTopicName(t.name)]));
    const physical = (await admin.listTopics())
      .filter(
        (name) => !name.startsWith('__') && (namer.prefix === '' || name.startsWith(namer.prefix)),
      )
      .sort();
    const configs = physical.length
      ? await admin.describeConfigs({
          includeSynonyms: false,
          resources: physical.map((name) => ({
            type: ConfigResourceTypes.TOPIC,
            name,
            configNames: ['cleanup.policy', 'retention.ms'],
          })),
        })
      : { resources: [] };
    const configOf = (name: string, key: string) =>
      configs.resources
        .find((r) => r.resourceName === name)
        ?.configEntries.find((e) => e.configName === key)?.configValue ?? null;
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => namer.prefix === '' || g.startsWith(namer.prefix));
    const committed = new Map<
      string,
      { topic: string; partitions: { partition: number; offset: string }[] }[]
    >();
    for (const groupId of groups) {
      committed.set(groupId, await admin.fetchOffsets({ groupId }));
    }
    const reports: TopicReport[] = [];
    for (const name of physical) {
      const offsets = await admin.fetchTopicOffsets(name);
      const ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
      const lags: { groupId: string; lag: number }[] = [];
      for (const [groupId, topics] of committed) {
        const own = topics.find((t) => t.topic === name);
        if (!own || own.partitions.every((p) => p.offset === '-1')) continue;
        let lag = 0n;
        for (const p of own.partitions) {
          const end = ends.get(p.partition) ?? 0n;
          const at =
            p.offset === '-1'
              ? BigInt(offsets.find((o) => o.partition === p.partition)?.low ?? '0')
              : BigInt(p.offset);
          lag += end > at ? end - at : 0n;
        }
        lags.push({ groupId, lag: Number(lag) });
      }
      const logical = namer.logical(name);
      const retention = configOf(name, 'retention.ms');
      reports.push({
        topic: logical,
        inRegistry: registry.has(logical),
        partitions: offsets.length,
        messages: offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0),
        endOffsets: Object.fromEntries(offsets.map((o) => [o.partition, o.high])),
        cleanupPolicy: configOf(name, 'cleanup.policy'),
        retentionMs: retention === null ? null : Number(retention),
        groups: lags.sort((a, b) => a.groupId.localeCompare(b.groupId)),
      });
    }
    return reports;
  } finally {
    await admin.disconnect();
  }
}

function retentionText(report: TopicReport): string {
  if (report.cleanupPolicy?.includes('compact')) return 'compacted';
  if (report.retentionMs === null) return '?';
  if (report.retentionMs < 0) return 'forever';
  const days = report.retentionMs / 86_400_000;
  return days >= 1
    ? `${Number(days.toFixed(1))} d`
    : `${Math.round(report.retentionMs / 3_600_000)} h`;
}

export function formatTopics(reports: readonly TopicReport[]): string {
  const rows = reports.map((r) => [
    r.topic + (r.inRegistry ? '' : ' *'),
    String(r.partitions),
    r.messages.toLocaleString('en-US'),
    retentionText(r),
    r.groups.length
      ? r.groups.map((g) => `${g.groupId} lag ${g.lag.toLocaleString('en-US')}`).join('; ')
      : '—',
  ]);
  const header = ['topic', 'partitions', 'messages', 'kept', 'consumer groups'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (reports.some((r) => !r.inRegistry))
    lines.push('', '* not in the topic registry (for example a BUMD topic or a sandbox copy)');
  return lines.join('\n');
}

export function registerTopicsCommand(program: Command, context: () => CliContext): void {
  program
    .command('topics')
    .description(
      'every topic with partitions, messages kept, retention or compaction, and consumer-group lag',
    )
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const reports = await topicReports(context());
      process.stdout.write(
        `${options.json ? JSON.stringify(reports, null, 2) : formatTopics(reports)}\n`,
      );
    });
}
