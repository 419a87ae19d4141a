import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { createTestDb, signIn, startCollabTestServer, type CollabTestServer, type TestDb } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient } from './client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';

const AGREEMENT = 'agreement:demo-agreement-01';
const MINUTES = 'minutes:demo-meeting-01';

describe('live documents', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(testDb?: TestDb): Promise<CollabTestServer> {
    const server = await startCollabTestServer({ testDb });
    cleanups.push(() => server.close());
    return server;
  }
  function client(server: CollabTestServer, docName: string, cookie: string): TestClient {
    const c = connectClient(server.collabUrl, docName, cookie);
    cleanups.push(() => c.destroy());
    return c;
  }

  it('two clients of two agencies converge on the same text', async () => {
    const server = await start();
    const thads = client(server, AGREEMENT, await signIn(server.url, 'thads@demo.concord.vn'));
    const toaan = client(server, AGREEMENT, await signIn(server.url, 'toaan@demo.concord.vn'));
    await Promise.all([synced(thads), synced(toaan)]);

    thads.text.insert(0, 'Điều 1. Phạm vi điều chỉnh');
    toaan.text.insert(0, 'Chương I. ');
    await waitFor(() => thads.text.toString() === toaan.text.toString() && thads.text.length > 30, 'convergence');
    expect(thads.text.toString()).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(thads.text.toString()).toContain('Chương I. ');
  });

  it('an edit is relayed to every other client, not sent back to the one that typed it', async () => {
    const server = await start();
    const typist = client(server, AGREEMENT, await signIn(server.url, 'thads@demo.concord.vn'));
    const reader = client(server, AGREEMENT, await signIn(server.url, 'toaan@demo.concord.vn'));
    await Promise.all([synced(typist), synced(reader)]);
    const updatesTo = (c: TestClient) => {
      const seen = { count: 0 };
      c.provider.ws!.addEventListener('message', (event: { data: ArrayBuffer | Uint8Array }) => {
        const bytes = new Uint8Array(event.data instanceof ArrayBuffer ? event.data : event.data.buffer);
        if (bytes[0] === 0 && bytes[1] === 2) seen.count++; // sync, update
      });
      return seen;
    };
    const toTypist = updatesTo(typist);
    const toReader = updatesTo(reader);
    for (const word of ['Điều 3. ', 'Giải ', 'thích ', 'từ ngữ']) {
      typist.text.insert(typist.text.length, word);
      await waitFor(() => reader.text.toString() === typist.text.toString(), 'the reader to see the word');
    }
    await server.collab.flushAll();
    expect(toReader.count).toBeGreaterThanOrEqual(1);
    expect(toTypist.count).toBe(0);

    // The reader's edit still reaches the typist.
    reader.text.insert(0, '» ');
    await waitFor(() => typist.text.toString() === '» Điều 3. Giải thích từ ngữ', "the reader's edit at the typist");
    expect(toTypist.count).toBeGreaterThanOrEqual(1);
  });

  it('a client that joins later receives what was typed before', async () => {
    const server = await start();
    const cookie = await signIn(server.url, 'vks@demo.concord.vn');
    const first = client(server, AGREEMENT, cookie);
    await synced(first);
    first.text.insert(0, 'Điều 2. Đối tượng áp dụng');
    await server.collab.flushAll();
    const late = client(server, AGREEMENT, cookie);
    await waitFor(() => late.text.toString() === 'Điều 2. Đối tượng áp dụng', 'the late client to catch up');
  });

  it('the text survives a restart of the server on the same database', async () => {
    const testDb = await createTestDb();
    cleanups.push(() => testDb.cleanup());
    const before = await startCollabTestServer({ testDb });
    const writer = connectClient(before.collabUrl, AGREEMENT, await signIn(before.url, 'thads@demo.concord.vn'));
    await synced(writer);
    for (let i = 0; i < 20; i++) writer.text.insert(writer.text.length, `khoản ${i}; `);
    const expected = writer.text.toString();
    // The server's Y.Doc holds only committed updates.
    await waitFor(() => before.collab.registry.docs.get(AGREEMENT)?.ydoc.getText('body').toString() === expected, 'the updates to be committed');
    writer.destroy();
    await before.close();

    const after = await start(testDb);
    const reader = client(after, AGREEMENT, await signIn(after.url, 'toaan@demo.concord.vn'));
    await waitFor(() => reader.text.toString() === expected, 'the restarted server to serve the text');
  });

  it('the minutes are a document of their own, written by every invited agency', async () => {
    const server = await start();
    const congan = client(server, MINUTES, await signIn(server.url, 'congan@demo.concord.vn'));
    const thads = client(server, MINUTES, await signIn(server.url, 'thads@demo.concord.vn'));
    await Promise.all([synced(congan), synced(thads)]);
    congan.text.insert(0, 'Công an tỉnh báo cáo phương án bảo vệ cưỡng chế.');
    await waitFor(() => thads.text.toString() === congan.text.toString(), 'the minutes to reach the chair');
    await server.collab.flushAll();
    const stored = await loadStoredDoc(server.testDb.db, MINUTES);
    expect(stored.getText('body').toString()).toBe('Công an tỉnh báo cáo phương án bảo vệ cưỡng chế.');
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('');
  });

  it('a closing client takes exactly its own cursor with it', async () => {
    const server = await start();
    const a = client(server, AGREEMENT, await signIn(server.url, 'thads@demo.concord.vn'));
    const b = client(server, AGREEMENT, await signIn(server.url, 'toaan@demo.concord.vn'));
    const c = client(server, AGREEMENT, await signIn(server.url, 'vks@demo.concord.vn'));
    await Promise.all([synced(a), synced(b), synced(c)]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    b.provider.awareness.setLocalStateField('user', { name: 'B' });
    c.provider.awareness.setLocalStateField('user', { name: 'C' });
    await waitFor(() => c.provider.awareness.getStates().size === 3, 'every cursor to reach C');
    b.destroy();
    await waitFor(() => !c.provider.awareness.getStates().has(b.doc.clientID), 'B to disappear from C');
    expect(c.provider.awareness.getStates().has(a.doc.clientID)).toBe(true);
    const doc = server.collab.registry.docs.get(AGREEMENT)!;
    expect([...doc.awareness.getStates().keys()].sort()).toEqual([a.doc.clientID, c.doc.clientID].sort());
  });

  it("a client cannot move or erase another member's cursor", async () => {
    const server = await start();
    const a = client(server, AGREEMENT, await signIn(server.url, 'thads@demo.concord.vn'));
    const b = client(server, AGREEMENT, await signIn(server.url, 'toaan@demo.concord.vn'));
    await Promise.all([synced(a), synced(b)]);
    // A marker field, not `user`: the server stamps `user` with the signed-in identity.
    a.provider.awareness.setLocalStateField('marker', 'A');
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.marker === 'A', "A's cursor at B");

    const seenAtB: unknown[] = [];
    b.provider.awareness.on('change', () => seenAtB.push(b.provider.awareness.getStates().get(a.doc.clientID)?.marker ?? null));
    const intruder = new WebSocket(`${server.collabUrl}/${AGREEMENT}`, { headers: { origin: server.url, cookie: await signIn(server.url, 'vks@demo.concord.vn') } });
    await new Promise((resolve) => intruder.once('open', resolve));
    const forged = (state: unknown) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, a.doc.clientID);
      encoding.writeVarUint(update, 1_000_000);
      encoding.writeVarString(update, JSON.stringify(state));
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, 1);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
      return encoding.toUint8Array(message);
    };
    intruder.send(forged(null));
    intruder.send(forged({ marker: 'Giả mạo' }));
    // A's next own change still goes round, and nothing forged came before it.
    a.provider.awareness.setLocalStateField('marker', 'A2');
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.marker === 'A2', "A's new state at B");
    expect(server.collab.registry.docs.get(AGREEMENT)!.awareness.getStates().get(a.doc.clientID)?.marker).toBe('A2');
    expect(seenAtB).toEqual(['A2']);
    intruder.terminate();
  });

  it('a peer that stops answering pings is dropped, one that answers stays', async () => {
    const server = await startCollabTestServer({ collab: { pingIntervalMs: 100 } });
    cleanups.push(() => server.close());
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const alive = client(server, AGREEMENT, cookie);
    await synced(alive);
    const silent = new WebSocket(`${server.collabUrl}/${AGREEMENT}`, { headers: { origin: server.url, cookie }, autoPong: false });
    const closedCode = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    await closedCode;
    await waitFor(() => server.collab.registry.connections.size === 1, 'the silent peer to be forgotten');
    expect(alive.provider.wsconnected).toBe(true);
  });

  it('a document is unloaded once its last client leaves and its writes are committed', async () => {
    const server = await start();
    const a = client(server, AGREEMENT, await signIn(server.url, 'thads@demo.concord.vn'));
    await synced(a);
    a.text.insert(0, 'x');
    expect(server.collab.registry.docs.has(AGREEMENT)).toBe(true);
    a.destroy();
    await waitFor(() => !server.collab.registry.docs.has(AGREEMENT), 'the document to unload');
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('x');
  });
});
