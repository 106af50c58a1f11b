// How the hookql process ends: as soon as the command is done and what it printed is written, and
// without a stack trace when whoever reads its output stops reading (`hookql exec … | head`).

/**
 * Once the reader of `stream` has gone away (EPIPE), whatever is still printed there is dropped:
 * the stream is destroyed, and Node drops later writes to it without another error. The command
 * still finishes — an apply cut short because `| head` had read enough would be half-changed — and
 * the process exits with the command's own status, as `grep -q` or `head` leave it to do.
 */
export function dropOutputOnceUnread(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Ends the process once stdout and stderr have taken everything, rather than when the event loop
 * drains: by then Node also waits for every optimising compile V8 has queued on its background
 * threads, 10–25 ms after a 1,000-entry plan's last line (bench B8; the wait goes away under
 * --no-concurrent-recompilation). Nothing else is left to wait for: every command awaits its own
 * work, and the long-running ones (serve, mcp, shell, emulator start) return only once stopped. A
 * stream that fails instead of draining leaves the ordinary exit to happen.
 */
export function exitOnceWritten(): void {
  const pending = [process.stdout, process.stderr].filter((stream) => !stream.destroyed && stream.writableLength > 0);
  let left = pending.length;
  if (left === 0) process.exit();
  for (const stream of pending) {
    stream.once('drain', () => {
      left -= 1;
      if (left === 0) process.exit();
    });
  }
}
