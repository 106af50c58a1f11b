// The progress line's words: rows, workspaces, and — when some requests are made per value of another
// table — the requests done out of those known so far; over several workspaces, how many listings are
// done, failed and in flight.
import { expect, it } from 'vitest';
import { progressText } from '../../src/cli/progress-line.js';

it.each([
  ['nothing yet', null, 'running… (Ctrl-C cancels)'],
  ['one workspace', { fetched: 1200, workspaces: 1, noun: 'webhooks' }, 'fetched 1,200 webhooks from 1 workspace…'],
  ['one workspace, with listing counts', { fetched: 1200, workspaces: 1, noun: 'webhooks', done: 0, failed: 0, inFlight: 1 }, 'fetched 1,200 webhooks from 1 workspace…'],
  ['a join feeding a param', { fetched: 40, workspaces: 2, noun: 'channels', calls: { done: 12, total: 41 } }, 'fetched 40 channels from 2 workspaces (12/41 requests)…'],
  ['a fed fan-out with a failure', { fetched: 40, workspaces: 1, noun: 'webhooks', failed: 1, calls: { done: 12, total: 41 } }, 'fetched 40 webhooks from 1 workspace (12/41 requests, 1 failed)…'],
  [
    'a fan-out over many workspaces',
    { fetched: 12400, workspaces: 50, noun: 'webhooks', done: 31, failed: 1, inFlight: 8 },
    'fetched 12,400 webhooks from 50 workspaces (31 done, 1 failed, 8 in flight)…',
  ],
])('%s', (_, progress, text) => {
  expect(progressText(progress)).toBe(text);
});
