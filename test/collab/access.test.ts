import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn, startCollabTestServer, type CollabTestServer } from '../helpers.ts';
import { buildUser } from '../factories.ts';
import { closed, connectClient, rawSocket, synced, waitFor } from './client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { CLOSE } from '../../shared/collab.ts';

const AGREEMENT = 'agreement:demo-agreement-01';

describe('who may open a live document', () => {
  let server: CollabTestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startCollabTestServer();
    for (const who of ['thads', 'toaan', 'congan', 'admin']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
    const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff'] });
    cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
  });
  afterAll(() => server.close());

  const upgrade = (path: string, headers: Record<string, string | null> = {}) => rawSocket(`${server.collabUrl}/${path}`, headers);

  it('answers 401 to an upgrade without a session', async () => {
    expect((await upgrade(AGREEMENT)).status).toBe(401);
  });

  it('answers 401 to an upgrade with a session that does not exist', async () => {
    expect((await upgrade(AGREEMENT, { cookie: 'session=not-a-session' })).status).toBe(401);
  });

  it('answers 403 to a user whose agency is not a party', async () => {
    expect((await upgrade(AGREEMENT, { cookie: cookies.ubnd })).status).toBe(403);
    expect((await upgrade('minutes:demo-meeting-01', { cookie: cookies.ubnd })).status).toBe(403);
  });

  it('answers 403 to an upgrade from a foreign Origin', async () => {
    const { status } = await upgrade(AGREEMENT, { cookie: cookies.thads, origin: 'https://evil.example' });
    expect(status).toBe(403);
    const { status: same, ws } = await upgrade(AGREEMENT, { cookie: cookies.thads, origin: server.url });
    expect(same).toBe(101);
    ws!.terminate();
  });

  it('answers 403 to an upgrade without Origin, or with the right host but another scheme', async () => {
    expect((await upgrade(AGREEMENT, { cookie: cookies.thads, origin: null })).status).toBe(403);
    expect((await upgrade(AGREEMENT, { cookie: cookies.thads, origin: server.url.replace('http:', 'https:') })).status).toBe(403);
  });

  it('answers 404 for an unknown document and for a malformed name', async () => {
    expect((await upgrade('agreement:no-such-agreement', { cookie: cookies.thads })).status).toBe(404);
    expect((await upgrade('minutes:no-such-meeting', { cookie: cookies.thads })).status).toBe(404);
    expect((await upgrade('contract:demo-agreement-01', { cookie: cookies.thads })).status).toBe(404);
    expect((await upgrade('agreement', { cookie: cookies.thads })).status).toBe(404);
    expect((await upgrade('%E0%A4%A', { cookie: cookies.thads })).status).toBe(404);
  });

  it('takes the room name URL-encoded as well', async () => {
    const { status, ws } = await upgrade(encodeURIComponent(AGREEMENT), { cookie: cookies.thads });
    expect(status).toBe(101);
    ws!.terminate();
  });

  it("a read-only member receives the document but its update is neither relayed nor stored", async () => {
    const editor = connectClient(server.collabUrl, AGREEMENT, cookies.thads);
    const observer = connectClient(server.collabUrl, AGREEMENT, cookies.congan);
    const admin = connectClient(server.collabUrl, AGREEMENT, cookies.admin);
    try {
      await Promise.all([synced(editor), synced(observer), synced(admin)]);
      editor.text.insert(0, 'Điều 3. Nguyên tắc phối hợp');
      await waitFor(() => observer.text.toString() === 'Điều 3. Nguyên tắc phối hợp', 'the observer to receive the text');

      observer.provider.awareness.setLocalStateField('cursor', { anchor: 0 });
      observer.text.insert(0, 'SỬA TRÁI PHÉP ');
      admin.text.insert(0, 'CŨNG TRÁI PHÉP ');
      // The observer's cursor is relayed: by then its earlier update would have been too.
      await waitFor(() => editor.provider.awareness.getStates().get(observer.doc.clientID)?.user?.name === 'Hoàng Minh Đức', 'the observer cursor');
      editor.text.insert(editor.text.length, '.');
      await waitFor(() => admin.text.toString().endsWith('.'), 'the last edit to go round');
      await server.collab.flushAll();

      expect(editor.text.toString()).toBe('Điều 3. Nguyên tắc phối hợp.');
      const stored = await loadStoredDoc(server.testDb.db, AGREEMENT);
      expect(stored.getText('body').toString()).toBe('Điều 3. Nguyên tắc phối hợp.');
    } finally {
      editor.destroy();
      observer.destroy();
      admin.destroy();
    }
  });

  it('a message over the size limit closes only that connection', async () => {
    const bystander = connectClient(server.collabUrl, AGREEMENT, cookies.toaan);
    try {
      await synced(bystander);
      const { ws } = await upgrade(AGREEMENT, { cookie: cookies.thads });
      const code = closed(ws!);
      ws!.send(new Uint8Array(3 * 1024 * 1024));
      expect(await code).toBe(CLOSE.tooLarge);
      const bigger = await upgrade(AGREEMENT, { cookie: cookies.thads });
      const biggerCode = closed(bigger.ws!);
      bigger.ws!.send(new Uint8Array(5 * 1024 * 1024));
      expect([CLOSE.tooLarge, 1009]).toContain(await biggerCode);

      bystander.text.insert(0, 'vẫn hoạt động');
      const other = connectClient(server.collabUrl, AGREEMENT, cookies.thads);
      await waitFor(() => other.text.toString().includes('vẫn hoạt động'), 'the server to go on');
      other.destroy();
    } finally {
      bystander.destroy();
    }
  });

  it('a message that does not decode closes only that connection', async () => {
    const bystander = connectClient(server.collabUrl, AGREEMENT, cookies.toaan);
    try {
      await synced(bystander);
      for (const garbage of [[0, 2, 50, 1, 2, 3], [7, 1, 2], [0, 1, 5, 255, 255, 255, 255, 15], [1, 10, 1, 1, 1, 3, 123, 120, 120]]) {
        const { ws } = await upgrade(AGREEMENT, { cookie: cookies.thads });
        const code = closed(ws!);
        ws!.send(new Uint8Array(garbage));
        expect(await code).toBe(CLOSE.badMessage);
      }
      const before = bystander.text.toString();
      bystander.text.insert(0, 'còn sống ');
      const other = connectClient(server.collabUrl, AGREEMENT, cookies.thads);
      await waitFor(() => other.text.toString() === `còn sống ${before}`, 'the server to go on');
      other.destroy();
    } finally {
      bystander.destroy();
    }
  });

  it('messages sent before the document has loaded are handled, in order', async () => {
    // A raw client that sends an update at once, before it has heard anything from the server.
    const name = 'minutes:demo-meeting-01';
    const source = new Y.Doc();
    source.getText('body').insert(0, 'Mở đầu cuộc họp');
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(source));
    second.getText('body').insert(second.getText('body').length, ' lúc 8 giờ');
    // Hold the document's load back so that the messages surely arrive before it.
    const client = server.testDb.db.client;
    const batch = client.batch.bind(client);
    let release!: () => void;
    const loadHeld = new Promise<void>((resolve) => { release = resolve; });
    client.batch = (async (statements: Parameters<typeof batch>[0], mode?: Parameters<typeof batch>[1]) => {
      if (mode === 'read') await loadHeld;
      return batch(statements, mode);
    }) as typeof client.batch;
    const { ws } = await upgrade(name, { cookie: cookies.thads });
    const updateMessage = (update: Uint8Array) => new Uint8Array([0, 2, ...varUint(update.length), ...update]);
    ws!.send(updateMessage(Y.encodeStateAsUpdate(source)));
    ws!.send(updateMessage(Y.encodeStateAsUpdate(second, Y.encodeStateVector(source))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.batch = batch;
    release();
    const reader = connectClient(server.collabUrl, name, cookies.toaan);
    try {
      await waitFor(() => reader.text.toString() === 'Mở đầu cuộc họp lúc 8 giờ', 'the early updates to be applied');
    } finally {
      reader.destroy();
      ws!.terminate();
    }
  });
});

function varUint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 127) { bytes.push((n & 127) | 128); n >>>= 7; }
  bytes.push(n);
  return bytes;
}
