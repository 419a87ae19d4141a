/** Small pieces the benchmarks share (a `_` file: bench/run.ts never runs it as a benchmark). */

/** Signs the demo users in over HTTP, in order, and returns their session cookies ("session=…"). */
export async function demoCookies(baseUrl: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const email of emails) {
    const response = await fetch(`${baseUrl}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: process.env.DEMO_PASSWORD ?? 'concord-demo' }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
    if (!cookie) throw new Error(`sign-in of ${email} answered ${response.status}`);
    cookies.push(cookie.split(';')[0]);
  }
  return cookies;
}
