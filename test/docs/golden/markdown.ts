// Finds the transcripts in a markdown page: fenced blocks, the `<!-- docs-test: … -->` directives just
// above them, and for ```console blocks the commands and the output each one is expected to print.
// See docs/contributing-docs.md for the convention.

export interface Directives {
  readonly skip: boolean;
  readonly fresh: boolean;
  readonly pty: boolean;
  readonly cols?: number;
  readonly rows?: number;
  /** Write the block's content to this file in the working directory instead of running it. */
  readonly file?: string;
  readonly env: Readonly<Record<string, string>>;
  /** Emulators to start before the block: variable name → extra flags. */
  readonly emulators: Readonly<Record<string, string>>;
  /** Fake workspaces to start before the block: variable name → file (in the working directory) each answers. */
  readonly fakes: Readonly<Record<string, string>>;
  /** Run the block's one command in the background; the first URL it prints is this variable. */
  readonly background?: string;
  /** What is typed in the pseudo-terminal (`pty`), a line at a time, each when the program waits for input. */
  readonly input?: string;
  /** With `input`: Ctrl-C once the terminal shows this text (after the input was typed). */
  readonly interrupt?: string;
  /** Python modules the block's commands import (`python=psycopg,asyncpg`): without them it is skipped, saying so. */
  readonly python?: readonly string[];
}

export interface Block {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  /** 0-based index in the page's lines of the first content line (the one after the fence). */
  readonly contentStart: number;
  readonly content: readonly string[];
  readonly directives: Directives;
}

export interface Step {
  /** The lines as written in the page: `$ …` and its `> …` continuations. */
  readonly commandLines: readonly string[];
  /** What bash runs. */
  readonly command: string;
  /** The expected output lines as written in the page. */
  readonly output: readonly string[];
}

/** The prompt of `hookql shell`, main (`hookql (local)> `) or continuation (`...> `, `'> `, `"> `, `*> `). */
export const MAIN_PROMPT = /^hookql(?: \([^)]*\))?>(?: |$)/;
export const ANY_PROMPT = /^(?:hookql(?: \([^)]*\))?|\s*\.\.\.|\s*'|\s*"|\s*\*)>(?: |$)/;

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const DIRECTIVE = /^<!--\s*docs-test:(.*?)-->\s*$/;

export function findBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let end = i + 1;
    while (end < lines.length && !(lines[end].startsWith(fence[0].repeat(fence.length)) && lines[end].trim().replace(/^[`~]+/, '') === '')) end++;
    blocks.push({
      line: i + 1,
      lang: open[2].trim().split(/\s+/)[0] ?? '',
      contentStart: i + 1,
      content: lines.slice(i + 1, end),
      directives: parseDirectives(directiveText(lines, i)),
    });
    i = end;
  }
  return blocks;
}

/** The directive comments on the lines right above the fence (blank lines between are allowed). */
function directiveText(lines: readonly string[], fenceIndex: number): string {
  const found: string[] = [];
  for (let j = fenceIndex - 1; j >= 0; j--) {
    const line = lines[j].trim();
    if (line === '' && found.length === 0) continue;
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    found.unshift(m[1]);
  }
  return found.join(' ');
}

export function parseDirectives(text: string): Directives {
  const env: Record<string, string> = {};
  const emulators: Record<string, string> = {};
  const fakes: Record<string, string> = {};
  let background: string | undefined;
  let input: string | undefined;
  let interrupt: string | undefined;
  let python: string[] | undefined;
  let skip = false;
  let fresh = false;
  let pty = false;
  let cols: number | undefined;
  let rows: number | undefined;
  let file: string | undefined;
  for (const m of text.matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|(\S*)))?/g)) {
    const key = m[1];
    const value = m[2] ?? m[3];
    if (key === 'skip') skip = true;
    else if (key === 'fresh') fresh = true;
    else if (key === 'pty') pty = true;
    else if (key === 'cols') cols = Number(value);
    else if (key === 'rows') rows = Number(value);
    else if (key === 'file' && value) file = value;
    else if (key.startsWith('emulator.')) emulators[key.slice('emulator.'.length)] = value ?? '';
    else if (key.startsWith('fake.') && value) fakes[key.slice('fake.'.length)] = value;
    else if (key === 'background' && value && /^[A-Z_][A-Z0-9_]*$/.test(value)) background = value;
    else if (key === 'input' && value !== undefined) input = value.replace(/\\n/g, '\n');
    else if (key === 'interrupt' && value) interrupt = value;
    else if (key === 'python' && value && /^[A-Za-z_][\w.]*(,[A-Za-z_][\w.]*)*$/.test(value)) python = value.split(',');
    else if (/^[A-Z_][A-Z0-9_]*$/.test(key) && value !== undefined) env[key] = value;
    else if (skip) continue; // free text after `skip` is the reason
    else throw new Error(`docs-test directive: unknown item '${m[0]}' (see docs/contributing-docs.md)`);
  }
  return { skip, fresh, pty, cols, rows, file, env, emulators, fakes, background, input, interrupt, python };
}

/** A ```console block as commands and their expected output. */
export function parseSteps(block: Block): Step[] {
  const steps: { commandLines: string[]; output: string[] }[] = [];
  for (const line of block.content) {
    const current = steps.at(-1);
    if (line.startsWith('$ ') || line === '$') steps.push({ commandLines: [line], output: [] });
    else if (current && current.output.length === 0 && (line.startsWith('> ') || line === '>')) current.commandLines.push(line);
    else if (current) current.output.push(line);
    else if (line.trim() !== '') throw new Error(`line ${block.line + 1}: a console block starts with a \`$ \` command (or mark it <!-- docs-test: skip -->)`);
  }
  return steps.map((s) => ({ ...s, command: s.commandLines.map((l) => l.slice(2)).join('\n') }));
}

/** An interactive shell transcript: some output line starts with the shell's prompt. */
export function isShellSession(block: Block, steps: readonly Step[]): boolean {
  return (block.directives.pty && block.directives.input === undefined) || steps.some((s) => s.output.some((line) => MAIN_PROMPT.test(line)));
}
