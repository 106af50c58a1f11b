import { describe, expect, it } from 'vitest';
import { progressText } from '../../src/cli/progress-line.js';

describe('the progress line', () => {
  it('before the first page it says the statement is running and how to cancel it', () => {
    expect(progressText(null)).toBe('running… (Ctrl-C cancels)');
  });

  it('for one workspace it counts the rows', () => {
    expect(progressText({ fetched: 1200, workspaces: 1, noun: 'webhooks', done: 0, failed: 0, inFlight: 1 })).toBe('fetched 1,200 webhooks from 1 workspace…');
  });

  it('over many workspaces it shows how many are done, failed and in flight', () => {
    expect(progressText({ fetched: 12400, workspaces: 50, noun: 'webhooks', done: 31, failed: 1, inFlight: 8 })).toBe(
      'fetched 12,400 webhooks from 50 workspaces (31 done, 1 failed, 8 in flight)…',
    );
  });
});
