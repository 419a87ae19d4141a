/**
 * Calls to a worker thread that answers each message `{ id, … }` with `{ id, ok, … }`: the thread is
 * started on the first call and started again after it dies (every call then in flight is refused
 * with the reason). The long reads (read-thread.ts) use it.
 * The thread's code is a string evaluated by the Worker (plain CommonJS), so it is the same file
 * whether the server runs from sources or from a bundle.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface ThreadAnswer { id: number; ok: boolean; message?: string; code?: string }

export class ThreadCalls<A extends ThreadAnswer> {
  /** Threads started so far (tests check that a dead one is replaced). */
  started = 0;
  #worker: Worker | null = null;
  #pending = new Map<number, { resolve(answer: A): void; reject(error: Error): void }>();
  #nextId = 1;

  constructor(private readonly name: string, private readonly source: string, private readonly workerData: unknown) {}

  /** The running thread, for tests that kill it. */
  get worker(): Worker | null {
    return this.#worker;
  }

  /** Calls in flight. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Sends `message` with a fresh id; resolves with the thread's answer, rejects with its error (`code` kept). */
  call(message: Record<string, unknown>, transfer: TransferListItem[] = []): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      try {
        this.#thread().postMessage({ ...message, id }, transfer);
      } catch (error) {
        this.#pending.delete(id);
        reject(error as Error);
      }
    });
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.source, { eval: true, workerData: this.workerData });
    this.started++;
    worker.unref();
    worker.on('message', (answer: A) => {
      const pending = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if (answer.ok) pending?.resolve(answer);
      else pending?.reject(Object.assign(new Error(`${this.name}: ${answer.message}`), { code: answer.code }));
    });
    const gone = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => gone(error));
    worker.on('exit', (code) => gone(new Error(`${this.name} exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}

/** libsql is @libsql/client's own native binding: resolved from there, so that it is the same one. */
export function resolveLibsql(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('libsql', { paths: [dirname(require.resolve('@libsql/client'))] });
}
