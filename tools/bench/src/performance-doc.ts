import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { replaceSummary } from './bench-summary';

/**
 * Rewrites the generated block of a Markdown file, formatted as `npm run format` would so that
 * `format:check` stays green. (Apart from bench-summary: jest cannot load prettier's entry.)
 */
export async function updateSummary(path: string, generated: string): Promise<void> {
  const doc = replaceSummary(readFileSync(path, 'utf8'), generated);
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(doc, { ...config, filepath: path }));
}
