// A one-line spinner on stderr while a statement runs ("⠹ fetched 3,400 webhooks from 2
// workspaces…"). Only on a TTY: in a pipe or a log file it would be garbage. It appears after a
// short delay so fast statements do not flicker, and is erased before any result is printed.

import type { Progress } from '../result.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SHOW_AFTER_MS = 250;
const FRAME_MS = 100;

export class ProgressLine {
  private timer: NodeJS.Timeout | null = null;
  private latest: Progress | null = null;
  private frame = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {}

  start(): void {
    if (this.stream.isTTY !== true) return;
    this.stop();
    this.latest = null;
    const delay = setTimeout(() => {
      this.timer = setInterval(() => this.draw(), FRAME_MS);
      this.timer.unref();
      this.draw();
    }, SHOW_AFTER_MS);
    delay.unref();
    this.timer = delay;
  }

  update(p: Progress): void {
    this.latest = p;
  }

  stop(): void {
    // In Node one call clears either kind of timer (the delay or the frame interval).
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\x1b[K${FRAMES[this.frame]} ${progressText(this.latest)}`);
    this.drawn = true;
  }
}

export function progressText(p: Progress | null): string {
  if (p === null) return 'running… (Ctrl-C cancels)';
  const n = p.fetched.toLocaleString('en-US');
  // Worded like `hookql exec`'s progress line, so the two read the same.
  const where = p.workspaces === 1 ? '1 workspace' : `${p.workspaces} workspaces`;
  // Per-value requests (joins, discovery) are counted as they become known; a plain fan-out over
  // several workspaces shows how far it is: listings done, failed and still running.
  const failed = p.failed ? `, ${p.failed} failed` : '';
  const detail =
    p.calls !== undefined
      ? ` (${p.calls.done}/${p.calls.total} requests${failed})`
      : p.workspaces > 1 && p.done !== undefined
        ? ` (${p.done} done, ${p.failed ?? 0} failed, ${p.inFlight ?? 0} in flight)`
        : '';
  return `fetched ${n} ${p.noun} from ${where}${detail}…`;
}
