/**
 * Work that follows a live document's writes (search index, duty anchors): run once the writes of a
 * document go quiet, and at least every `maxWaitMs` while they do not, one document at a time.
 * One timer per document, not re-armed by every write (a busy document is written many times a
 * second): when it fires before the document is quiet, it waits the rest.
 */
interface Pending { firstAt: number; lastAt: number; timer: NodeJS.Timeout | null }

export function afterWritesSettle(run: (docName: string) => Promise<void>, options = { quietMs: 1_000, maxWaitMs: 5_000 }) {
  const pending = new Map<string, Pending>();
  let closed = false;
  const waitOf = (entry: Pending) => Math.min(entry.lastAt + options.quietMs, entry.firstAt + options.maxWaitMs) - Date.now();
  const arm = (docName: string, entry: Pending) => {
    entry.timer = setTimeout(() => {
      if (waitOf(entry) > 0) return arm(docName, entry);
      pending.delete(docName);
      void run(docName);
    }, Math.max(0, waitOf(entry)));
    entry.timer.unref();
  };
  return {
    persisted(docName: string): void {
      if (closed) return;
      const now = Date.now();
      const entry = pending.get(docName);
      if (entry) {
        entry.lastAt = now;
        return;
      }
      const fresh: Pending = { firstAt: now, lastAt: now, timer: null };
      pending.set(docName, fresh);
      arm(docName, fresh);
    },
    close(): void {
      closed = true;
      for (const { timer } of pending.values()) if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}
