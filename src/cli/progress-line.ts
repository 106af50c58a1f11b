// A one-line progress counter on stderr while pages are fetched, only on a terminal.

import type { Progress } from '../result.js';

export interface ProgressLine {
  update(progress: Progress): void;
  clear(): void;
}

export function progressLine(stream: NodeJS.WritableStream, enabled: boolean): ProgressLine {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (!enabled || now - last < 100) return; // redraw at most 10×/s
      last = now;
      shown = true;
      const where = p.workspaces === 1 ? '1 workspace' : `${p.workspaces} workspaces`;
      stream.write(`\r\u001b[2Kfetched ${p.fetched.toLocaleString('en-US')} ${p.noun ?? 'rows'} from ${where}…`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
