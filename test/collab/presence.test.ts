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
});
