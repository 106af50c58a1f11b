/**
 * Runs tasks that share a key one after another (tasks with different keys run freely). Used for
 * creates with the same natural key: see create-executor.ts.
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  // Per key with a task running: the tasks waiting behind it, in arrival order (no promise chain per
  // task: every create takes this lock, and almost never waits; bench B4).
  const queues = new Map<string, (() => void)[]>();
  return {
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const queue = queues.get(key);
      if (queue === undefined) queues.set(key, []);
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        const waiting = queues.get(key) as (() => void)[];
        const next = waiting.shift();
        if (next !== undefined) next();
        else queues.delete(key);
      }
    },
  };
}
