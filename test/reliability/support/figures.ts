// What each reliability suite counts and prints at the end of its run (afterAll), so a CI log shows
// how much was exercised, not only that it passed.

export class Figures {
  private readonly counts = new Map<string, number>();

  constructor(private readonly suite: string) {}

  add(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** One line per figure, aligned: `fuzz suite: cases fuzzed ........ 4123`. */
  report(): string {
    const width = Math.max(...[...this.counts.keys()].map((k) => k.length), 10);
    const lines = [...this.counts].map(([k, v]) => `  ${k} ${'.'.repeat(width - k.length + 2)} ${v}`);
    return `${this.suite} — figures\n${lines.join('\n')}`;
  }
}

/** Rejects if `promise` has not settled within `ms`: a hang is a failure, not a stuck test run. */
export async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (a hang)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
