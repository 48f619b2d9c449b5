/**
 * Group commit: items added while a write is running wait for the next one, which takes them all in one call.
 * Each `add` resolves once its item is written (or rejects with that write's error), so a caller knows its item
 * is stored; under load the writes grow to what came meanwhile, idle it is one write per item.
 */
export function groupCommit<T>(write: (items: T[]) => Promise<void>): { add(item: T): Promise<void> } {
  let queue: { item: T; done: (err?: unknown) => void }[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length) {
      const taken = queue;
      queue = [];
      try {
        await write(taken.map((q) => q.item));
        for (const q of taken) q.done();
      } catch (err) {
        for (const q of taken) q.done(err ?? new Error('write failed'));
      }
    }
    writing = false;
  };
  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, done: (err) => (err === undefined ? resolve() : reject(err)) });
        if (!writing) void drain();
      });
    },
  };
}
