// Writes infra/k8s/strimzi/kafka-topics.yaml from the topic registry; `--check` only compares.
// Run it with `npm run k8s:topics` after changing libs/contracts/src/topics/topic-registry.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_TOPICS_FILE, renderKafkaTopicsYaml } from './kafka-topics';
import { findRepoRoot } from './repo-root';

export function main(args: readonly string[]): number {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')}\nusage: generate-k8s-topics [--check]`);
    return 2;
  }
  const path = join(findRepoRoot(), KAFKA_TOPICS_FILE);
  const expected = renderKafkaTopicsYaml();
  if (args.includes('--check')) {
    const actual = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (actual === expected) {
      console.log(`${KAFKA_TOPICS_FILE} is up to date`);
      return 0;
    }
    console.error(
      `${KAFKA_TOPICS_FILE} is ${actual === undefined ? 'missing' : 'out of date'}: run \`npm run k8s:topics\` and commit the result`,
    );
    return 1;
  }
  writeFileSync(path, expected);
  console.log(`wrote ${KAFKA_TOPICS_FILE}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
