import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { serverSuite, startCollabTestServer } from '../helpers.ts';
import { connectClient, pageOrigin, synced, waitFor } from './client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';

const DOCS = ['agreement:demo-agreement-01', 'minutes:demo-meeting-01'];

/** Malformed messages of several kinds; the server refuses each one and closes the connection. */
function malformed(i: number): Uint8Array | string {
  const encoder = encoding.createEncoder();
  switch (i % 6) {
    case 0: return Uint8Array.from({ length: 40 }, (_, j) => (i * 31 + j * 17) & 0xff);
    case 1: encoding.writeVarUint(encoder, 9); break;
    case 2: encoding.writeVarUint(encoder, 0); encoding.writeVarUint(encoder, 2); encoding.writeVarUint8Array(encoder, Uint8Array.from({ length: 300 }, (_, j) => (j * 7 + i) & 0xff)); break;
    case 3: encoding.writeVarUint(encoder, 0); encoding.writeVarUint(encoder, 2); encoding.writeVarUint(encoder, 0x7ffffff0); break;
    case 4: {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1); encoding.writeVarUint(inner, 1000 + i); encoding.writeVarUint(inner, 1); encoding.writeVarString(inner, '{"cursor":');
      encoding.writeVarUint(encoder, 1); encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
      break;
    }
    case 5: return 'text frame';
  }
  return encoding.toUint8Array(encoder);
}

describe('malformed input leaves nothing behind', () => {
  const suite = serverSuite(() => startCollabTestServer(), ['thads']);
  const { cookies } = suite;

  const attack = (docName: string, messages: (Uint8Array | string)[]) => new Promise<void>((resolve) => {
    const url = `${suite.server.collabUrl}/${encodeURIComponent(docName)}`;
    const ws = new WebSocket(url, { headers: { origin: pageOrigin(url), cookie: cookies.thads } });
    ws.on('open', () => {
      for (const message of messages) if (ws.readyState === WebSocket.OPEN) ws.send(message, { binary: typeof message !== 'string' });
    });
    ws.on('message', () => {});
    ws.on('error', () => {});
    ws.on('close', () => resolve());
    ws.on('unexpected-response', (_request, response) => { response.resume(); resolve(); });
  });

  it('after 1.200 malformed messages on 120 connections, only the honest client is held, its text intact', async () => {
    const registry = suite.server.collab.registry;
    const honest = connectClient(suite.server.collabUrl, DOCS[0], cookies.thads);
    try {
      await synced(honest);
      honest.text.insert(0, 'Điều 1. Phạm vi điều chỉnh');
      honest.provider.awareness.setLocalStateField('cursor', { at: 3 });
      await waitFor(() => registry.docs.get(DOCS[0])?.ydoc.getText('body').toString() === 'Điều 1. Phạm vi điều chỉnh', 'the honest update to be committed');

      for (let wave = 0; wave < 12; wave++) {
        await Promise.all(Array.from({ length: 10 }, (_, c) => {
          const docName = c === 9 ? 'agreement:does-not-exist' : DOCS[c % DOCS.length];
          return attack(docName, Array.from({ length: 10 }, (_, m) => malformed(wave * 100 + c * 10 + m + c)));
        }));
      }

      await waitFor(() => registry.connections.size === 1, 'every attacker connection to be forgotten');
      await waitFor(() => registry.docs.size === 1, 'the attacked documents to unload');
      await suite.server.collab.flushAll();
      const doc = registry.docs.get(DOCS[0])!;
      expect(doc.peers.size).toBe(1);
      expect([...doc.awareness.getStates().keys()]).toEqual([honest.doc.clientID]);
      expect(doc.log.busy).toBe(false);
      expect(doc.holds).toBe(1);
      expect(honest.provider.wsconnected).toBe(true);
      expect((await loadStoredDoc(suite.server.testDb.db, DOCS[0])).getText('body').toString()).toBe('Điều 1. Phạm vi điều chỉnh');
    } finally {
      honest.destroy();
    }
    await waitFor(() => registry.connections.size === 0 && registry.docs.size === 0, 'the honest client to leave and its document to unload');
  });
});
