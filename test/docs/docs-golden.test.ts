// Every transcript in README.md and docs/*.md is run and must print what the page shows
// (docs/contributing-docs.md). `npm run docs:update` (HOOKQL_DOCS_UPDATE=1) writes the actual output
// into the pages instead, keeping each line that already matches.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { findBlocks, isShellSession, parseSteps, type Block, type Step } from './golden/markdown.js';
import { mergeOutput, normalise } from './golden/normalise.js';
import { ensureBuilt, PageSandbox, ROOT, type StepResult } from './golden/run.js';
import { pythonWith } from '../helpers/python-with.js';

const UPDATE = process.env.HOOKQL_DOCS_UPDATE === '1';
const docsDir = join(ROOT, 'docs');
const pages = [
  join(ROOT, 'README.md'),
  ...readdirSafe(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(docsDir, f)),
];

beforeAll(() => ensureBuilt(), 120_000);

// Pages run at the same time (each in its own sandbox); the blocks of a page run in order, and every
// block is checked (soft assertions), so one run reports every page and block that drifted.
describe.concurrent('docs transcripts', () => {
  for (const page of pages) {
    const name = relative(ROOT, page);
    const text = readFileSync(page, 'utf8');
    const blocks = findBlocks(text).filter((b) => !b.directives.skip && (b.lang === 'console' || b.directives.file));
    if (blocks.length === 0) continue;
    it(name, { timeout: 600_000 }, async ({ expect }) => {
      const sandbox = new PageSandbox();
      const rewrites = new Map<Block, string[]>();
      try {
        for (const block of blocks) await checkBlock(name, block, sandbox, rewrites, expect);
      } finally {
        sandbox.close();
        if (UPDATE && rewrites.size > 0) writeFileSync(page, rewrite(text, rewrites));
      }
    });
  }
});

async function checkBlock(name: string, block: Block, sandbox: PageSandbox, rewrites: Map<Block, string[]>, expect: ExpectStatic): Promise<void> {
  const title = `${name}:${block.line}`;
  await sandbox.prepare(block);
  if (block.directives.file) {
    sandbox.writeFile(block.directives.file, block.content);
    return;
  }
  const python = block.directives.python;
  if (python !== undefined && pythonWith(python.join(', '), `python3 -m pip install ${python.join(' ')}`, `${title} transcript`) === null) return;
  const steps = parseSteps(block);
  const results = await run(title, block, steps, sandbox);
  if (UPDATE) {
    rewrites.set(block, steps.flatMap((step, i) => [...step.commandLines, ...mergeOutput(step.output, results[i]?.output ?? [])]));
    return;
  }
  const show = (outputs: readonly (readonly string[])[]) => steps.map((step, i) => [...step.commandLines, normalise(outputs[i] ?? [])].join('\n')).join('\n');
  expect
    .soft(
      show(results.map((r) => r.output)),
      `${title}: what the commands print differs from the page (- page, + actual; ports, timestamps and durations normalised). ` +
        'If the new output is right, run npm run docs:update.',
    )
    .toBe(show(steps.map((s) => s.output)));
}

function run(title: string, block: Block, steps: readonly Step[], sandbox: PageSandbox): Promise<StepResult[]> {
  const one = (what: string, fn: (b: Block, s: Step) => Promise<StepResult>) => {
    if (steps.length !== 1) throw new Error(`${title}: ${what} has exactly one \`$ \` command`);
    return fn.call(sandbox, block, steps[0]).then((r) => [r]);
  };
  if (block.directives.background !== undefined) return one('a background block', sandbox.runBackground);
  if (block.directives.input !== undefined) return one('a block with input', sandbox.runTyped);
  if (isShellSession(block, steps)) return one('a shell session', sandbox.runShell);
  return sandbox.runCommands(block, steps);
}

/** The page with each rewritten block's content replaced. */
function rewrite(text: string, rewrites: ReadonlyMap<Block, string[]>): string {
  const lines = text.split('\n');
  const ordered = [...rewrites].sort(([a], [b]) => b.contentStart - a.contentStart);
  for (const [block, content] of ordered) lines.splice(block.contentStart, block.content.length, ...content);
  return lines.join('\n');
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
