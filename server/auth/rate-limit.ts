/**
 * Failed sign-ins counted per key (an IP, an email) in a fixed window. An email over its limit is
 * refused before its password is even checked, so guessing costs the attacker the window; an
 * address over its limit is slowed, never refused (auth/routes.ts).
 */
export class FailureLimiter {
  #failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now) {
      this.#failures.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.#failures.size > 100_000) this.#sweep(now);
    } else {
      entry.count += 1;
    }
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#failures) if (entry.resetAt <= now) this.#failures.delete(key);
  }
}

export function createSignInLimiters() {
  return {
    perEmail: new FailureLimiter(10, 15 * 60_000),
    perIp: new FailureLimiter(100, 15 * 60_000),
  };
}
export type SignInLimiters = ReturnType<typeof createSignInLimiters>;
