import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn, startCollabTestServer, type CollabTestServer } from '../helpers.ts';
import { connectClient, synced, waitFor, type TestClient } from './client.ts';
import { loadStoredDoc, readStoredUpdates } from '../../server/collab/storage.ts';
import { all } from '../../server/db/client.ts';
import type { CollabOptions } from '../../server/collab/index.ts';
import { createClient } from '@libsql/client';
import { FileLogStore } from '../../server/collab/log-store.ts';

const AGREEMENT = 'agreement:demo-agreement-01';
const serverText = (server: CollabTestServer, name = AGREEMENT) => server.collab.registry.docs.get(name)?.ydoc.getText('body').toString();

describe('the update log in libsql', () => {
  let server: CollabTestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
  });
  const start = async (collab?: CollabOptions) => { server = await startCollabTestServer({ collab }); };
  const open = async (who: string, docName = AGREEMENT) => {
    const client = connectClient(server.collabUrl, docName, await signIn(server.url, `${who}@demo.concord.vn`));
    clients.push(client);
    await synced(client);
    return client;
  };

  it('updates arriving while a write is in flight share the next transaction', async () => {
    await start();
    process.setMaxListeners(50); // each y-websocket provider listens to the process's exit
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const typists = Array.from({ length: 30 }, () => connectClient(server.collabUrl, AGREEMENT, cookie));
    clients.push(...typists);
    await Promise.all(typists.map(synced));
    const before = { ...server.collab.registry.writer.stats };
    for (let round = 0; round < 5; round++) {
      typists.forEach((typist, i) => typist.text.insert(0, `${i}.${round} `));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = 30 * 5;
    await waitFor(() => typists.every((t) => t.text.toString().split(' ').length - 1 === expected), 'every typist to see every update');
    await server.collab.flushAll();
    const stats = server.collab.registry.writer.stats;
    const updates = stats.updates - before.updates;
    const transactions = stats.transactions - before.transactions;
    expect(updates).toBe(expected);
    expect(transactions).toBeLessThan(updates / 2);
    const stored = await loadStoredDoc(server.testDb.db, AGREEMENT);
    expect(stored.getText('body').toString()).toBe(typists[0].text.toString());
  });

  it('a lone update is committed by a transaction of its own, without waiting for company', async () => {
    await start();
    const thads = await open('thads');
    const before = server.collab.registry.writer.stats.transactions;
    thads.text.insert(0, 'một mình');
    await waitFor(() => serverText(server) === 'một mình', 'the update to be committed');
    expect(server.collab.registry.writer.stats.transactions).toBe(before + 1);
  });

  it('who wrote with a client id is stored once, not with every edit; another writer is stored too', async () => {
    await start();
    const store = server.collab.registry.writer.store;
    const commit = store.commit.bind(store);
    const authorRows: number[][] = [];
    store.commit = async (batch) => {
      authorRows.push(batch.authors.map((a) => a.clientId));
      return commit(batch);
    };
    try {
      const thads = await open('thads');
      for (const word of ['Điều ', '4. ', 'Nguyên tắc']) {
        thads.text.insert(thads.text.length, word);
        await waitFor(() => serverText(server) === thads.text.toString(), 'the word to be committed');
      }
      const toaan = await open('toaan');
      toaan.text.insert(0, '» ');
      await waitFor(() => serverText(server) === toaan.text.toString(), "the court's edit to be committed");
      expect(authorRows.flat()).toEqual([thads.doc.clientID, toaan.doc.clientID]);
      const stored = await all<{ client_id: number; user_id: string }>(server.testDb.db, 'SELECT client_id, user_id FROM collab_authors WHERE doc_name = ? ORDER BY user_id', [AGREEMENT]);
      expect(stored.map((r) => Number(r.client_id)).sort()).toEqual([thads.doc.clientID, toaan.doc.clientID].sort());
    } finally {
      store.commit = commit;
    }
  });

  it('a long log is folded into the snapshot in one transaction, and loads the same', async () => {
    await start({ compactAfterUpdates: 10 });
    const initial = (await readStoredUpdates(server.testDb.db, AGREEMENT)).seq; // the template the record was created with
    const thads = await open('thads');
    for (let i = 0; i < 35; i++) {
      thads.text.insert(thads.text.length, `${i},`);
      await waitFor(() => serverText(server) === thads.text.toString(), 'each update to be committed');
    }
    const stored = await readStoredUpdates(server.testDb.db, AGREEMENT);
    const [{ n }] = await all<{ n: number }>(server.testDb.db, 'SELECT count(*) AS n FROM collab_updates WHERE doc_name = ?', [AGREEMENT]);
    const [snapshot] = await all<{ seq: number }>(server.testDb.db, 'SELECT seq FROM collab_snapshots WHERE doc_name = ?', [AGREEMENT]);
    expect(server.collab.registry.writer.stats.compactions).toBeGreaterThanOrEqual(3);
    expect(Number(n)).toBeLessThanOrEqual(10);
    expect(stored.seq).toBe(initial + 35);
    expect(Number(snapshot.seq) + Number(n)).toBe(initial + 35);
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe(thads.text.toString());
  });

  it('a document loaded with a long log stays in memory until the log is folded, and keeps its text', async () => {
    await start({ compactAfterUpdates: 5 });
    const db = server.testDb.db;
    const { seq } = await readStoredUpdates(db, AGREEMENT);
    const source = new Y.Doc();
    for (let i = 1; i <= 8; i++) {
      const before = Y.encodeStateVector(source);
      source.getText('body').insert(source.getText('body').length, `${i};`);
      await db.execute({
        sql: 'INSERT INTO collab_updates (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)',
        args: [AGREEMENT, seq + i, Y.encodeStateAsUpdate(source, before), new Date().toISOString()],
      });
    }
    const registry = server.collab.registry;
    const doc = await registry.acquire(AGREEMENT);
    registry.release(doc);
    expect(registry.docs.has(AGREEMENT)).toBe(true);
    await waitFor(() => !registry.docs.has(AGREEMENT), 'the document to unload after folding');
    expect(registry.writer.stats.compactions).toBe(1);
    const [{ n }] = await all<{ n: number }>(db, 'SELECT count(*) AS n FROM collab_updates WHERE doc_name = ?', [AGREEMENT]);
    expect(Number(n)).toBe(0);
    expect((await loadStoredDoc(db, AGREEMENT)).getText('body').toString()).toBe('1;2;3;4;5;6;7;8;');
  });

  it('a failed write keeps the update in memory, tells nobody, and retries until it is stored', async () => {
    await start();
    const thads = await open('thads');
    const toaan = await open('toaan');
    const db = server.testDb.db;
    const store = server.collab.registry.writer.store;
    const commit = store.commit.bind(store);
    let failing = true;
    store.commit = async (batch) => {
      if (failing) throw new Error('disk I/O error (simulated)');
      return commit(batch);
    };
    try {
      thads.text.insert(0, 'chưa lưu được');
      await waitFor(() => server.collab.registry.writer.stats.failures >= 3, 'a few failed attempts');
      thads.destroy();
      await waitFor(() => server.collab.registry.connections.size === 1, 'the writer to leave');
      expect(toaan.text.toString()).toBe('');
      expect(serverText(server)).toBe('');
      expect(server.collab.registry.docs.has(AGREEMENT)).toBe(true);
      failing = false;
      await waitFor(() => toaan.text.toString() === 'chưa lưu được', 'the retried update to be relayed');
      expect((await loadStoredDoc(db, AGREEMENT)).getText('body').toString()).toBe('chưa lưu được');
    } finally {
      store.commit = commit;
    }
  });

  it('while another process holds the file\'s lock the log waits without stopping the event loop, replaces its refused connection, and loses nothing', async () => {
    await start();
    const store = server.collab.registry.writer.store;
    expect(store).toBeInstanceOf(FileLogStore);
    const thads = await open('thads');
    const toaan = await open('toaan');
    thads.text.insert(0, 'trước;');
    await waitFor(() => toaan.text.toString() === 'trước;', 'the first update to be relayed');
    const opened = (store as FileLogStore).opened;

    // Another instance on the same file takes the write lock and keeps it.
    const other = createClient({ url: `file:${server.testDb.db.file}` });
    const held = await other.transaction('write');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      for (const word of ['một;', 'hai;', 'ba;']) thads.text.insert(thads.text.length, word);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Not durable, so relayed to nobody; and the loop went on (a synchronous busy wait would freeze it for seconds).
      expect(toaan.text.toString()).toBe('trước;');
      expect(ticks).toBeGreaterThan(10);
      expect((store as FileLogStore).opened).toBeGreaterThan(opened);
    } finally {
      clearInterval(ticker);
      await held.rollback();
      held.close();
      other.close();
    }
    await waitFor(() => toaan.text.toString() === 'trước;một;hai;ba;', 'the held updates to be relayed once the lock is free');
    await server.collab.flushAll();
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('trước;một;hai;ba;');
  });

  it('a commit whose answer is lost after it was applied counts as committed, not as a failure to retry', async () => {
    await start();
    const thads = await open('thads');
    const toaan = await open('toaan');
    const store = server.collab.registry.writer.store;
    const commit = store.commit.bind(store);
    let lose = true;
    store.commit = async (batch) => {
      const seqs = await commit(batch);
      if (lose) throw new Error('the answer to the commit was lost (simulated)');
      return seqs;
    };
    try {
      const failures = server.collab.registry.writer.stats.failures;
      thads.text.insert(0, 'đã lưu');
      await waitFor(() => toaan.text.toString() === 'đã lưu', 'the update to be relayed');
      lose = false;
      thads.text.insert(0, 'rồi ');
      await waitFor(() => toaan.text.toString() === 'rồi đã lưu', 'the next update to be relayed');
      await server.collab.flushAll();
      expect(server.collab.registry.writer.stats.failures).toBe(failures);
      expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('rồi đã lưu');
    } finally {
      store.commit = commit;
    }
  });

  it('a document with a write pending stays loaded after its last client leaves, then unloads', async () => {
    await start();
    const thads = await open('thads');
    const db = server.testDb.db;
    const store = server.collab.registry.writer.store;
    const commit = store.commit.bind(store);
    let failing = true;
    store.commit = async (batch) => {
      if (failing) throw new Error('database is locked (simulated)');
      return commit(batch);
    };
    try {
      thads.text.insert(0, 'đang chờ');
      await waitFor(() => server.collab.registry.writer.stats.failures >= 1, 'a failed attempt');
      thads.destroy();
      await waitFor(() => server.collab.registry.connections.size === 0, 'the client to leave');
      expect(server.collab.registry.docs.has(AGREEMENT)).toBe(true);
      failing = false;
      await waitFor(() => !server.collab.registry.docs.has(AGREEMENT), 'the document to unload');
      expect((await loadStoredDoc(db, AGREEMENT)).getText('body').toString()).toBe('đang chờ');
    } finally {
      store.commit = commit;
    }
  });

  it('a server-side update is stored and relayed, whether or not the document is open', async () => {
    await start();
    const seed = new Y.Doc();
    seed.getText('body').insert(0, 'Căn cứ Luật Thi hành án dân sự; ');
    await server.collab.applyServerUpdate(AGREEMENT, Y.encodeStateAsUpdate(seed));
    expect(server.collab.registry.docs.has(AGREEMENT)).toBe(false);
    expect((await loadStoredDoc(server.testDb.db, AGREEMENT)).getText('body').toString()).toBe('Căn cứ Luật Thi hành án dân sự; ');

    const vks = await open('vks');
    expect(vks.text.toString()).toBe('Căn cứ Luật Thi hành án dân sự; ');
    const before = Y.encodeStateVector(seed);
    seed.getText('body').insert(seed.getText('body').length, 'Căn cứ Nghị định 30/2020/NĐ-CP.');
    await server.collab.applyServerUpdate(AGREEMENT, Y.encodeStateAsUpdate(seed, before));
    await waitFor(() => vks.text.toString().endsWith('Nghị định 30/2020/NĐ-CP.'), 'the update to reach the client');
    const state = new Y.Doc();
    Y.applyUpdate(state, Y.encodeStateAsUpdate(await loadStoredDoc(server.testDb.db, AGREEMENT)));
    expect(state.getText('body').toString()).toBe(vks.text.toString());
  });

  it('refuses a server-side update that does not decode or names no live document', async () => {
    await start();
    const before = (await readStoredUpdates(server.testDb.db, AGREEMENT)).seq;
    await expect(server.collab.applyServerUpdate(AGREEMENT, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    await expect(server.collab.applyServerUpdate('agreement', Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow();
    expect((await readStoredUpdates(server.testDb.db, AGREEMENT)).seq).toBe(before);
  });
});
