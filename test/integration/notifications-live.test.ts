import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';
import { localDate } from '../../shared/format.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { anchorOfUnit } from '../../shared/legal/anchors.ts';
import { LEGAL_FRAGMENT } from '../../shared/legal/ydoc.ts';

describe('the notification centre updates live', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['thads', 'toaan', 'vks']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  });
  afterAll(() => server.close());

  /** The server-sent events of `notifications.changes` as the browser's EventSource reads them. */
  function listen(cookie: string) {
    const controller = new AbortController();
    const events: string[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => { opened = resolve; });
    const done = fetch(`${server.url}/trpc/notifications.changes`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal })
      .then(async (response) => {
        expect(response.headers.get('content-type')).toContain('text/event-stream');
        const reader = response.body!.getReader();
        // The subscription is registered once its first frame (the connection message) arrives.
        const first = await reader.read();
        opened();
        if (first.done) return;
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          events.push(...decoder.decode(value).split('\n').filter((line) => line.startsWith('data:') && line.includes('"at"')));
        }
      })
      .catch((error) => { if (!controller.signal.aborted) throw error; });
    return { events, open, stop: async () => { controller.abort(); await done; } };
  }

  it('a signatory whose agency is given work gets a tick at once; another agency gets none', async () => {
    const court = listen(cookies.toaan);
    const procuracy = listen(cookies.vks);
    await Promise.all([court.open, procuracy.open]);
    const due = new Date(Date.now() + 10 * 86_400_000);
    // THADS leads the demo agreement: it gives the court a duty from clause 2 of article 8.
    const text = await loadStoredDoc(server.testDb.db, 'agreement:demo-agreement-01');
    const anchor = anchorOfUnit(text, LEGAL_FRAGMENT, 'demo-a08-k2')!;
    text.destroy();
    const created = await trpc(server.url, cookies.thads, 'actionItems.create', {
      agencyId: 'agency-tand', title: 'Cung cấp bản án có hiệu lực', dueDate: localDate(due),
      agreement: { agreementId: 'demo-agreement-01', anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, unitId: 'demo-a08-k2' },
    }, 'mutation');
    expect(created.status).toBe(200);
    await expect.poll(() => court.events.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const list = await trpc(server.url, cookies.toaan, 'notifications.list');
    expect(list.data.items[0]).toMatchObject({ kind: 'assigned', title: 'Cung cấp bản án có hiệu lực', read: false });
    expect(procuracy.events).toEqual([]);
    await court.stop();
    await procuracy.stop();
  });

  it('the stream needs a session', async () => {
    const response = await fetch(`${server.url}/trpc/notifications.changes`, { headers: { accept: 'text/event-stream' } });
    const text = await response.text();
    expect(text).toContain('UNAUTHORIZED');
  });
});
