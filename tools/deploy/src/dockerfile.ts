// A Dockerfile read into its instructions (enough to check the root Dockerfile where no Docker
// engine runs): comments and blank lines dropped, line continuations joined, parser directives
// kept apart, each stage with its base image, name and instructions.
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  directives: Record<string, string>;
  /** ARG before the first FROM (usable in FROM lines). */
  globalArgs: Record<string, string | undefined>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split('\n');
  const directives: Record<string, string> = {};
  const instructions: Instruction[] = [];
  let i = 0;
  // Parser directives: `# key=value` lines at the very top.
  for (; i < lines.length; i++) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(.+?)\s*$/.exec(lines[i]);
    if (!m) break;
    directives[m[1].toLowerCase()] = m[2];
  }
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const start = i + 1;
    let joined = raw;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      joined = joined.replace(/\\\s*$/, ' ');
      i++;
      // Comment lines inside a continuation are removed, as Docker does.
      if (/^\s*#/.test(lines[i])) {
        joined += '\\';
        continue;
      }
      joined += lines[i];
    }
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (!m) throw new Error(`line ${start}: not an instruction: ${raw}`);
    instructions.push({
      keyword: m[1].toUpperCase(),
      args: m[2].trim().replace(/\s+/g, ' '),
      line: start,
    });
  }
  const globalArgs: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!m) throw new Error(`line ${instruction.line}: bad FROM ${instruction.args}`);
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`line ${instruction.line}: only ARG may come before the first FROM`);
      const [name, value] = instruction.args.split('=');
      globalArgs[name] = value;
    } else stages[stages.length - 1].instructions.push(instruction);
  }
  return { directives, globalArgs, stages };
}

/** `${NAME}` and `$NAME` replaced from `args` (as Docker does in FROM, COPY, ENV, …). */
export function substitute(value: string, args: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => {
    const name = (a ?? b) as string;
    const replacement = args[name];
    if (replacement === undefined) throw new Error(`${name} has no value`);
    return replacement;
  });
}
