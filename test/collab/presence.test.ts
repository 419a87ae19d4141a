import { describe, expect, it } from 'vitest';
import { serverSuite, startCollabTestServer } from '../helpers.ts';
import { connectClient, synced, waitFor } from './client.ts';
import { agencyColor } from '../../shared/agency-colors.ts';

describe('presence', () => {
  const suite = serverSuite(() => startCollabTestServer(), ['thads', 'toaan']);
  const { cookies } = suite;

  it('a cursor is shown under the name and agency of whoever is signed in, whatever the client claims', async () => {
    const court = connectClient(suite.server.collabUrl, 'agreement:demo-agreement-01', cookies.toaan);
    const lead = connectClient(suite.server.collabUrl, 'agreement:demo-agreement-01', cookies.thads);
    await Promise.all([synced(court), synced(lead)]);
    court.provider.awareness.setLocalStateField('user', { name: 'Chánh án giả mạo', agencyShortName: 'VKSND', color: '#000000' });
    court.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    await waitFor(() => lead.provider.awareness.getStates().get(court.doc.clientID)?.cursor !== undefined, 'the court cursor');
    const seen = lead.provider.awareness.getStates().get(court.doc.clientID)!;
    expect(seen.user).toEqual({ name: 'Lê Thị Thu Hà', agencyShortName: 'TAND Phú Thọ', color: agencyColor('agency-tand') });
    expect(seen.cursor).toEqual({ anchor: 1 });
    court.destroy();
    lead.destroy();
  });

  it('a quiet document still hears from the server every second (so a page can tell it is offline); while it is edited no heartbeat is added', async () => {
    const reader = connectClient(suite.server.collabUrl, 'agreement:demo-agreement-01', cookies.toaan);
    await synced(reader);
    let messages = 0;
    let longestGap = 0;
    let last = Date.now();
    reader.provider.ws!.addEventListener('message', () => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      messages++;
    });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(messages).toBeGreaterThanOrEqual(2);
    // Silence of 3 s is what a page calls offline (web/lib/collab.ts); the heartbeat leaves at most about 1,5 s.
    expect(longestGap).toBeLessThan(2_500);

    // While someone types, every update is proof enough: no heartbeat is sent on top.
    const typist = connectClient(suite.server.collabUrl, 'agreement:demo-agreement-01', cookies.thads);
    await synced(typist);
    let heartbeats = 0;
    reader.provider.ws!.addEventListener('message', (event: { data: ArrayBuffer | Uint8Array }) => {
      const bytes = new Uint8Array(event.data instanceof ArrayBuffer ? event.data : event.data.buffer);
      if (bytes.length === 3 && bytes[0] === 1 && bytes[1] === 1 && bytes[2] === 0) heartbeats++;
    });
    for (let i = 0; i < 25; i++) {
      typist.doc.getArray<number>('beats').push([i]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(reader.doc.getArray('beats').length).toBeGreaterThan(20);
    expect(heartbeats).toBe(0);
    typist.destroy();
    reader.destroy();
  });
});
