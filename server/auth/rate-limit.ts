/**
 * Failed sign-ins counted per key (an IP, an email) in a fixed window. An email over its limit is
 * refused before its password is even checked, so guessing costs the attacker the window; an
 * address over its limit is slowed, never refused (auth/routes.ts).
 *
 * With several instances the counts live in Redis (`SharedFailureLimiter`), so an attacker gains
 * nothing by spreading tries over instances; should Redis fail, each instance goes on counting in
 * its own memory rather than letting every try through.
 */
import type { SharedWindows } from '../cluster/index.ts';

export interface FailureCounter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export class FailureLimiter implements FailureCounter {
  #failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  async fail(key: string, now = Date.now()): Promise<void> {
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now) {
      this.#failures.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.#failures.size > 100_000) this.#sweep(now);
    } else {
      entry.count += 1;
    }
  }

  async clear(key: string): Promise<void> {
    this.#failures.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#failures) if (entry.resetAt <= now) this.#failures.delete(key);
  }
}

export class SharedFailureLimiter implements FailureCounter {
  readonly #fallback: FailureLimiter;

  constructor(private readonly windows: SharedWindows, private readonly name: string, private readonly limit: number, private readonly windowMs: number) {
    this.#fallback = new FailureLimiter(limit, windowMs);
  }

  async retryAfter(key: string): Promise<number> {
    try {
      const { count, ttlMs } = await this.windows.read(`${this.name}:${key}`);
      return count >= this.limit && ttlMs > 0 ? Math.ceil(ttlMs / 1000) : 0;
    } catch {
      return this.#fallback.retryAfter(key);
    }
  }

  async fail(key: string): Promise<void> {
    await this.#fallback.fail(key);
    await this.windows.add(`${this.name}:${key}`, this.windowMs).catch(() => {});
  }

  async clear(key: string): Promise<void> {
    await this.#fallback.clear(key);
    await this.windows.clear(`${this.name}:${key}`).catch(() => {});
  }
}

const WINDOW_MS = 15 * 60_000;

/** Per email 10 failures, per address 100, in 15 minutes; shared by the instances when `windows` is given. */
export function createSignInLimiters(windows: SharedWindows | null = null): { perEmail: FailureCounter; perIp: FailureCounter } {
  if (!windows) return { perEmail: new FailureLimiter(10, WINDOW_MS), perIp: new FailureLimiter(100, WINDOW_MS) };
  return { perEmail: new SharedFailureLimiter(windows, 'sign-in-email', 10, WINDOW_MS), perIp: new SharedFailureLimiter(windows, 'sign-in-ip', 100, WINDOW_MS) };
}
export type SignInLimiters = ReturnType<typeof createSignInLimiters>;
