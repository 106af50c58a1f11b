// The docs checker's own parts: what counts as a transcript, a command, a directive; how output is
// normalised and merged back; what the little terminal shows.

import { describe, expect, it } from 'vitest';
import { findBlocks, isShellSession, parseDirectives, parseSteps } from './golden/markdown.js';
import { mergeOutput, normalise } from './golden/normalise.js';
import { Screen } from './golden/screen.js';

describe('finding transcripts', () => {
  const page = [
    'Intro.',
    '',
    '<!-- docs-test: emulator.A="--faults 503=1" DATABRICKS_TOKEN=dev-token -->',
    '```console',
    '$ hookql exec "SELECT 1',
    '> AS one"',
    'out 1',
    '$ false',
    '[exit 1]',
    '```',
    '',
    '<!-- docs-test: skip (needs a real workspace) -->',
    '```console',
    '$ hookql exec -w prod "SELECT 1"',
    '```',
    '````markdown',
    '```console',
    '$ not a block of its own',
    '```',
    '````',
  ].join('\n');

  it('reads fences, languages and the directive right above', () => {
    const blocks = findBlocks(page);
    expect(blocks.map((b) => [b.line, b.lang])).toEqual([[4, 'console'], [13, 'console'], [16, 'markdown']]);
    expect(blocks[0].directives).toMatchObject({ skip: false, env: { DATABRICKS_TOKEN: 'dev-token' }, emulators: { A: '--faults 503=1' } });
    expect(blocks[1].directives.skip).toBe(true);
  });

  it('splits a console block into commands (with > continuations) and their output', () => {
    const steps = parseSteps(findBlocks(page)[0]);
    expect(steps.map((s) => [s.command, s.output])).toEqual([
      ['hookql exec "SELECT 1\nAS one"', ['out 1']],
      ['false', ['[exit 1]']],
    ]);
  });

  it('a block with the shell prompt is a shell session', () => {
    const [block] = findBlocks('```console\n$ hookql shell\nhookql (local)> SELECT 1;\n```\n');
    expect(isShellSession(block, parseSteps(block))).toBe(true);
  });

  it('reads the fake, background and input directives; a block with input is not a shell session', () => {
    const d = parseDirectives('fake.BAD=numbers.json background=PG input="no\\n" interrupt="2/6 changes" PGPASSWORD="a b"');
    expect(d).toMatchObject({ fakes: { BAD: 'numbers.json' }, background: 'PG', input: 'no\n', interrupt: '2/6 changes', env: { PGPASSWORD: 'a b' } });
    const [block] = findBlocks('<!-- docs-test: input="yes\\n" -->\n```console\n$ hookql apply hooks.yaml\nApply these changes? (yes/no) yes\n```\n');
    expect(isShellSession(block, parseSteps(block))).toBe(false);
    expect(() => parseDirectives('background=lower')).toThrow("unknown item 'background=lower'");
  });

  it('refuses an unknown directive and a console block without a command', () => {
    expect(() => parseDirectives('sikp')).toThrow("unknown item 'sikp'");
    const [block] = findBlocks('```console\nno command here\n```\n');
    expect(() => parseSteps(block)).toThrow('a console block starts with a `$ ` command');
  });
});

describe('normalising and merging output', () => {
  it('ports, times and durations compare equal; anything else does not', () => {
    expect(normalise(['(1 row in 363 ms) http://127.0.0.1:45019 2026-12-01T19:31:10.454Z 1796153470454'])).toBe(
      normalise(['(1 row in 8 ms) http://127.0.0.1:33365 2025-01-01T00:00:00.000Z 1700000000000']),
    );
    expect(normalise(['3 webhooks created'])).not.toBe(normalise(['2 webhooks created']));
    expect(normalise(['| 2/6 changes | 0 failed | 0.6/s | ETA 7s'])).toBe(normalise(['| 2/6 changes | 0 failed | 12/s | ETA 1.5s']));
    expect(normalise(['| 2/6 changes'])).not.toBe(normalise(['| 3/6 changes']));
  });

  it('an update keeps the page\'s lines that still match and takes the new ones', () => {
    const page = ['┌───┐', '(1 row in 363 ms)', 'old line', 'http://127.0.0.1:45019'];
    const actual = ['┌───┐', '(1 row in 8 ms)', 'new line', 'http://127.0.0.1:33365'];
    expect(mergeOutput(page, actual)).toEqual(['┌───┐', '(1 row in 363 ms)', 'new line', 'http://127.0.0.1:45019']);
  });
});

describe('the terminal', () => {
  it('applies carriage returns, erases and cursor moves, as a terminal shows them', () => {
    const screen = new Screen();
    screen.write('hookql> SELECT 1;\r\n⠹ fetched 3 webhooks…\r\x1b[2K');
    screen.write('│ 1 │\n\x1b[1mhookql> \x1b[22m');
    screen.write('ab\x1b[1Dc');
    expect(screen.text()).toBe('hookql> SELECT 1;\n│ 1 │\nhookql> ac');
    expect(screen.cursorLine()).toBe('hookql> ac');
  });

  it('keeps an escape sequence split across two writes', () => {
    const screen = new Screen();
    screen.write('abc\r\x1b[');
    screen.write('2Kx');
    expect(screen.text()).toBe('x');
  });
});
