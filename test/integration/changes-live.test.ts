/** Open pages learn at once that their record changed (`changes.watch`), and only pages that may read it. */
import { describe, expect, it } from 'vitest';
import { serverSuite, signIn, startTestServer, trpc } from '../helpers.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { buildUser } from '../factories.ts';

const suite = serverSuite(() => startTestServer(), ['thads', 'toaan']);
const { cookies } = suite;

/** The events of `changes.watch` as the browser's EventSource reads them. */
function watch(cookie: string, entity: string, id: string) {
  const controller = new AbortController();
  const ticks: string[] = [];
  let status = 0;
  const url = `${suite.server.url}/trpc/changes.watch?input=${encodeURIComponent(JSON.stringify({ entity, id }))}`;
  const done = fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal })
    .then(async (response) => {
      status = response.status;
      const reader = response.body!.getReader();
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) return;
        const text = new TextDecoder().decode(value);
        for (const line of text.split('\n')) if (line.startsWith('data: ') && line.includes('"at"')) ticks.push(line);
      }
    })
    .catch((error) => { if (!controller.signal.aborted) throw error; });
  return { ticks, status: () => status, stop: async () => { controller.abort(); await done; } };
}

describe('live record pages', () => {
  it("the other party's agreement page hears of a change (a saved version); a page of another record hears nothing", async () => {
    const court = watch(cookies.toaan, 'agreement', DEMO_IDS.agreement);
    const meeting = watch(cookies.toaan, 'meeting', DEMO_IDS.meeting);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const saved = await trpc(suite.server.url, cookies.thads, 'agreements.saveVersion', { agreementId: DEMO_IDS.agreement, name: 'Bản làm việc' }, 'mutation');
    expect(saved.status).toBe(200);
    await expect.poll(() => court.ticks.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(meeting.ticks).toEqual([]);
    await court.stop();
    await meeting.stop();
  });

  it('a page of a record the caller may not read gets no events: FORBIDDEN', async () => {
    const outsider = await buildUser(suite.server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd });
    const other = watch(await signIn(suite.server.url, outsider.email, outsider.password), 'agreement', DEMO_IDS.agreement);
    await expect.poll(() => other.status(), { timeout: 5_000 }).toBeGreaterThan(0);
    await trpc(suite.server.url, cookies.thads, 'agreements.saveVersion', { agreementId: DEMO_IDS.agreement, name: 'Bản làm việc 2' }, 'mutation');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(other.ticks).toEqual([]);
    await other.stop();
  });
});
