import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../helpers.ts';
import { openDb } from '../../server/db/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { connectClient, synced, waitFor, type TestClient } from './client.ts';
import { exited, startServerProcess, type ServerProcess } from './server-process.ts';

const AGREEMENT = 'agreement:demo-agreement-01';

describe('durability', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('everything a client received from the server survives kill -9 of the server mid-stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const databaseUrl = `file:${join(dir, 'concord.db')}`;
    let server: ServerProcess = await startServerProcess(databaseUrl);
    cleanups.push(() => { server.child.kill('SIGKILL'); return exited(server.child); });
    const collabUrl = `ws://127.0.0.1:${server.port}/collab`;

    const typists: TestClient[] = [];
    for (const who of ['thads', 'toaan', 'vks']) {
      const cookie = await signIn(server.url, `${who}@demo.concord.vn`);
      for (let i = 0; i < 2; i++) typists.push(connectClient(collabUrl, AGREEMENT, cookie));
    }
    // A read-only member never writes: everything in its copy came from the server.
    const observer = connectClient(collabUrl, AGREEMENT, await signIn(server.url, 'congan@demo.concord.vn'));
    const everyone = [...typists, observer];
    cleanups.push(() => everyone.forEach((client) => client.destroy()));
    await Promise.all(everyone.map(synced));

    // Each typist pushes numbered tokens until the server dies.
    let typing = true;
    const sent = typists.map(() => 0);
    const loops = typists.map(async (typist, i) => {
      while (typing) {
        typist.doc.getArray<string>('tokens').push([`${i}:${sent[i]++}`]);
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4));
      }
    });
    await waitFor(() => observer.doc.getArray('tokens').length >= 300, 'a stream of updates to flow');
    server.child.kill('SIGKILL');
    await exited(server.child);
    await waitFor(() => everyone.every((client) => !client.provider.wsconnected), 'every client to see the server gone');
    typing = false;
    await Promise.all(loops);
    // Stop the clients before the restart, or they would send their copies back and hide any loss.
    for (const client of everyone) client.provider.disconnect();

    const received = new Set<string>(observer.doc.getArray<string>('tokens').toArray());
    typists.forEach((typist, i) => {
      for (const token of typist.doc.getArray<string>('tokens').toArray()) if (!token.startsWith(`${i}:`)) received.add(token);
    });
    expect(received.size).toBeGreaterThanOrEqual(300);

    const db = await openDb(databaseUrl);
    const stored = new Set((await loadStoredDoc(db, AGREEMENT)).getArray<string>('tokens').toArray());
    db.close();
    const lost = [...received].filter((token) => !stored.has(token));
    expect(lost).toEqual([]);

    // And the restarted server serves it.
    server = await startServerProcess(databaseUrl, server.port);
    const reader = connectClient(collabUrl, AGREEMENT, await signIn(server.url, 'toaan@demo.concord.vn'));
    cleanups.push(() => reader.destroy());
    await synced(reader);
    const served = new Set(reader.doc.getArray<string>('tokens').toArray());
    expect([...received].filter((token) => !served.has(token))).toEqual([]);
    expect(served.size).toBe(stored.size);
  });
});
