import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn, startCollabTestServer, type CollabTestServer } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient } from './client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { CLOSE } from '../../shared/collab.ts';

const AGREEMENT = 'agreement:demo-agreement-01';

describe('access re-checked on open connections', () => {
  let server: CollabTestServer;
  const clients: TestClient[] = [];
  beforeEach(async () => { server = await startCollabTestServer(); });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });
  const open = async (who: string, docName = AGREEMENT) => {
    const client = connectClient(server.collabUrl, docName, await signIn(server.url, `${who}@demo.concord.vn`));
    clients.push(client);
    await synced(client);
    return client;
  };

  it('a member whose agency is no longer a party is closed with 4403 and does not come back', async () => {
    const thads = await open('thads');
    const toaan = await open('toaan');
    let terminal: number | undefined;
    toaan.provider.on('closed', (event) => { terminal = event.code; });
    await server.testDb.db.execute({ sql: 'DELETE FROM agreement_parties WHERE agreement_id = ? AND agency_id = ?', args: ['demo-agreement-01', 'agency-tand'] });
    await server.collab.refreshAccess([AGREEMENT]);

    await waitFor(() => terminal !== undefined, 'the 4403 close');
    expect(terminal).toBe(CLOSE.forbidden);
    expect(toaan.provider.shouldConnect).toBe(false);
    thads.text.insert(0, 'vẫn soạn thảo');
    await server.collab.flushAll();
    expect(thads.provider.wsconnected).toBe(true);
    expect([...server.collab.registry.connections].map((c) => c.user.email)).toEqual(['thads@demo.concord.vn']);
  });

  it('an editor becomes read-only when the agreement leaves draft: told at once, still served, no longer heard', async () => {
    const thads = await open('thads');
    const vks = await open('vks');
    thads.text.insert(0, 'Bản cuối.');
    await waitFor(() => vks.text.toString() === 'Bản cuối.', 'the draft text');
    await server.testDb.db.execute({ sql: "UPDATE agreements SET status = 'signed' WHERE id = ?", args: ['demo-agreement-01'] });
    await server.collab.refreshAccess();
    // Closed with "access changed" so the client re-reads its rights, then served again read-only.
    await waitFor(() => thads.closeCodes.includes(CLOSE.accessChanged) && vks.closeCodes.includes(CLOSE.accessChanged), 'the 4001 closes');
    await waitFor(() => thads.provider.synced && vks.provider.synced, 'the reconnection');

    thads.text.insert(0, 'Sửa sau khi ký. ');
    await fence(thads, vks);
    // A server-side update still reaches everyone, the read-only editor included.
    const marker = new Y.Doc();
    Y.applyUpdate(marker, Y.encodeStateAsUpdate(vks.doc));
    marker.getMap('meta').set('signed', true);
    await server.collab.applyServerUpdate(AGREEMENT, Y.encodeStateAsUpdate(marker, Y.encodeStateVector(vks.doc)));
    await waitFor(() => vks.doc.getMap('meta').get('signed') === true && thads.doc.getMap('meta').get('signed') === true, 'the marker');
    expect(vks.text.toString()).toBe('Bản cuối.');
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('Bản cuối.');
    expect(thads.provider.wsconnected).toBe(true);
  });

  it('a connection whose session has ended is closed with 4401', async () => {
    const toaan = await open('toaan');
    await server.testDb.db.execute({ sql: "DELETE FROM sessions WHERE user_id = 'user-toaan'", args: [] });
    await server.collab.refreshAccess();
    await waitFor(() => toaan.closeCodes.includes(CLOSE.unauthenticated), 'the 4401 close');
  });

  it('the minutes become read-only for everyone once approved', async () => {
    const thads = await open('thads', 'minutes:demo-meeting-01');
    const vks = await open('vks', 'minutes:demo-meeting-01');
    thads.text.insert(0, 'Kết luận.');
    await server.collab.flushAll();
    await waitFor(() => server.collab.registry.docs.get('minutes:demo-meeting-01')?.ydoc.getText('body').length === 9, 'the minutes text');
    await server.testDb.db.execute("UPDATE meetings SET status = 'approved' WHERE id = 'demo-meeting-01'");
    await server.collab.refreshAccess(['minutes:demo-meeting-01']);
    await waitFor(() => thads.closeCodes.includes(CLOSE.accessChanged) && vks.closeCodes.includes(CLOSE.accessChanged), 'the 4001 closes');
    await waitFor(() => thads.provider.synced && vks.provider.synced && server.collab.registry.connections.size === 2, 'the reconnection');
    const connections = () => [...server.collab.registry.connections];
    await waitFor(() => connections().length === 2 && connections().every((c) => c.access === 'read' && c.doc), 'both to be (re)connected read-only');
    await Promise.all([synced(thads), synced(vks)]);
    thads.text.insert(0, 'Thêm. ');
    await fence(thads, vks);
    await server.collab.flushAll();
    expect(vks.text.toString()).toBe('Kết luận.');
    expect((await loadStoredDoc(server.testDb.db, 'minutes:demo-meeting-01')).getText('body').toString()).toBe('Kết luận.');
  });

  it('an edit that arrives after the text was frozen behind the connection\'s back (another instance) is refused by the log, never stored nor relayed, and the editor is told', async () => {
    const thads = await open('thads', 'minutes:demo-meeting-01');
    const vks = await open('vks', 'minutes:demo-meeting-01');
    thads.text.insert(0, 'Kết luận.');
    await waitFor(() => vks.text.toString() === 'Kết luận.', 'the first edit');
    // Approved elsewhere: this instance's connections still hold the right to write.
    await server.testDb.db.execute("UPDATE meetings SET status = 'approved' WHERE id = 'demo-meeting-01'");
    const refusedBefore = server.collab.registry.writer.stats.refused;
    thads.text.insert(0, 'Muộn. ');
    await waitFor(() => server.collab.registry.writer.stats.refused > refusedBefore, 'the refused batch');
    await waitFor(() => thads.closeCodes.includes(CLOSE.accessChanged), 'the editor to be told it may no longer write');
    await server.collab.flushAll();
    expect(vks.text.toString()).toBe('Kết luận.');
    const late = await open('vks', 'minutes:demo-meeting-01');
    expect(late.text.toString()).toBe('Kết luận.');
    expect((await loadStoredDoc(server.testDb.db, 'minutes:demo-meeting-01')).getText('body').toString()).toBe('Kết luận.');
  });

  it('a command whose held copy lags the stored text (a row another instance wrote) acts on nothing stale: CONFLICT, nothing changed', async () => {
    const thads = await open('thads', 'minutes:demo-meeting-01');
    thads.text.insert(0, 'Kết luận.');
    await server.collab.flushAll();
    // A row written behind this instance's back, as another instance would.
    const other = new Y.Doc();
    other.getText('body').insert(0, 'Từ máy khác. ');
    await server.testDb.db.execute({
      sql: `INSERT INTO collab_updates (doc_name, seq, data, created_at)
            SELECT ?, max(seq) + 1, ?, ? FROM collab_updates WHERE doc_name = ?`,
      args: ['minutes:demo-meeting-01', Y.encodeStateAsUpdate(other), new Date().toISOString(), 'minutes:demo-meeting-01'],
    });
    const held = server.collab.live.hold(['minutes:demo-meeting-01'], async (tx) => {
      await tx.execute("UPDATE meetings SET place = 'Đã đổi' WHERE id = 'demo-meeting-01'");
    });
    await expect(held).rejects.toMatchObject({ code: 'CONFLICT', key: 'collabStale' });
    expect((await server.testDb.db.execute("SELECT place FROM meetings WHERE id = 'demo-meeting-01'")).rows[0].place).not.toBe('Đã đổi');
  });
});

/**
 * Messages of one socket are handled in order: once `from`'s new awareness state has reached `to`,
 * the server has handled every update `from` sent before it.
 */
async function fence(from: TestClient, to: TestClient): Promise<void> {
  const token = Math.random();
  from.provider.awareness.setLocalStateField('fence', token);
  await waitFor(() => to.provider.awareness.getStates().get(from.doc.clientID)?.fence === token, 'the fence');
}
