import { describe, expect, it } from 'vitest';
import { serverSuite, startCollabTestServer, trpc } from '../helpers.ts';
import { connectClient, synced } from '../collab/client.ts';
import { CLOSE } from '../../shared/collab.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import * as Y from 'yjs';

describe('a meeting under way', () => {
  const suite = serverSuite(() => startCollabTestServer(), ['thads']);
  const { cookies } = suite;

  async function meetingThatStartedAnHourAgo() {
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const input = {
      kind: 'joint', title: 'Họp liên ngành', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      invitedAgencyIds: ['agency-tand'], agenda: [],
    };
    const created = await trpc(suite.server.url, cookies.thads, 'meetings.create', input, 'mutation');
    const started = new Date(Date.now() - 3_600_000).toISOString();
    const ends = new Date(Date.now() + 2 * 3_600_000).toISOString();
    await suite.server.testDb.db.execute({ sql: 'UPDATE meetings SET starts_at = ?, ends_at = ? WHERE id = ?', args: [started, ends, created.data.meeting.id] });
    return { id: created.data.meeting.id as string, input: { ...input, startsAt: started, endsAt: ends } };
  }

  it('keeps its time while the chair corrects its title, and cannot be moved into the past', async () => {
    const { id, input } = await meetingThatStartedAnHourAgo();
    const corrected = await trpc(suite.server.url, cookies.thads, 'meetings.update', { id, meeting: { ...input, title: 'Họp liên ngành (đính chính)' } }, 'mutation');
    expect(corrected.status).toBe(200);
    expect(corrected.data.meeting.title).toBe('Họp liên ngành (đính chính)');
    const moved = await trpc(suite.server.url, cookies.thads, 'meetings.update', {
      id, meeting: { ...input, startsAt: new Date(Date.now() - 7_200_000).toISOString() },
    }, 'mutation');
    expect(moved.error?.data.code).toBe('BAD_REQUEST');
  });

  it('approving takes every edit the server accepted before the minutes froze, and tells the editors at once', async () => {
    const { id } = await meetingThatStartedAnHourAgo();
    const secretary = connectClient(suite.server.collabUrl, `minutes:${id}`, cookies.thads);
    await synced(secretary);
    const paragraph = secretary.doc.getXmlFragment('prosemirror').toArray().at(-1) as Y.XmlElement;
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, 'Các cơ quan thống nhất phương án cưỡng chế.');
    await expect.poll(async () => (await loadStoredDoc(suite.server.testDb.db, `minutes:${id}`)).getXmlFragment('prosemirror').toString()).toContain('phương án cưỡng chế');
    const approved = await trpc(suite.server.url, cookies.thads, 'meetings.approveMinutes', { id, confirmUnconfirmed: true }, 'mutation');
    expect(approved.status).toBe(200);
    const details = await trpc(suite.server.url, cookies.thads, 'meetings.get', { id });
    expect(details.data.approval.minutes).toContain('Các cơ quan thống nhất phương án cưỡng chế.');
    // The editor was told its rights changed (it comes back read-only; later edits are dropped, see test/collab).
    await expect.poll(() => secretary.closeCodes.includes(CLOSE.accessChanged)).toBe(true);
    secretary.destroy();
  });
});
