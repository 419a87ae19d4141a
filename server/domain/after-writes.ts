/**
 * Work that follows a live document's writes (search index, duty anchors): run once the writes of a
 * document go quiet, and at least every `maxWaitMs` while they do not, one document at a time.
 */
export function afterWritesSettle(run: (docName: string) => Promise<void>, options = { quietMs: 1_000, maxWaitMs: 5_000 }) {
  const timers = new Map<string, { timer: NodeJS.Timeout; firstAt: number }>();
  let closed = false;
  return {
    persisted(docName: string): void {
      if (closed) return;
      const pending = timers.get(docName);
      const firstAt = pending?.firstAt ?? Date.now();
      if (pending) clearTimeout(pending.timer);
      const delay = Math.max(0, Math.min(options.quietMs, firstAt + options.maxWaitMs - Date.now()));
      const timer = setTimeout(() => {
        timers.delete(docName);
        void run(docName);
      }, delay);
      timer.unref();
      timers.set(docName, { timer, firstAt });
    },
    close(): void {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
