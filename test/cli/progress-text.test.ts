// The progress line's words: rows, workspaces, and — when some requests are made per value of another
// table — the requests done out of those known so far.
import { expect, it } from 'vitest';
import { progressText } from '../../src/cli/progress-line.js';

it.each([
  ['nothing yet', null, 'running… (Ctrl-C cancels)'],
  ['one workspace', { fetched: 1200, workspaces: 1, noun: 'webhooks' }, 'fetched 1,200 webhooks from 1 workspace…'],
  ['a join feeding a param', { fetched: 40, workspaces: 2, noun: 'channels', calls: { done: 12, total: 41 } }, 'fetched 40 channels from 2 workspaces (12/41 requests)…'],
])('%s', (_, progress, text) => {
  expect(progressText(progress)).toBe(text);
});
