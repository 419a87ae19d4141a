/** The duties of a signed quy chế are the point of signing it: they are assigned from its frozen text. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { anchorOfUnit } from '../../shared/legal/anchors.ts';
import { LEGAL_FRAGMENT } from '../../shared/legal/ydoc.ts';
import { docName } from '../../shared/collab.ts';
import { localDate } from '../../shared/format.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';

let server: TestServer;
const cookies: Record<string, string> = {};
const call = (who: string, path: string, input: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
});
afterAll(() => server.close());

describe('duties of an agreement in force', () => {
  it('the lead assigns a duty anchored to the signed text; the text stays frozen; another party may not assign', async () => {
    const id = DEMO_IDS.agreement;
    await call('thads', 'agreements.transition', { agreementId: id, to: 'final' });
    await call('thads', 'agreements.transition', { agreementId: id, to: 'signing', effectiveDate: localDate() });
    const hash = (await trpc(server.url, cookies.thads, 'agreements.lifecycle', { agreementId: id })).data.signingHash;
    for (const [who, agencyId] of [['thads', DEMO_AGENCY_IDS.thads], ['toaan', DEMO_AGENCY_IDS.tand], ['vks', DEMO_AGENCY_IDS.vks], ['congan', DEMO_AGENCY_IDS.ca]]) {
      expect((await call(who, 'agreements.sign', { agreementId: id, agencyId, textHash: hash })).status).toBe(200);
    }
    const got = (await trpc(server.url, cookies.thads, 'agreements.get', { id })).data;
    expect(got).toMatchObject({ status: 'in_force', canEdit: false, canAssignDuties: true });
    expect((await trpc(server.url, cookies.toaan, 'agreements.get', { id })).data.canAssignDuties).toBe(false);

    const text = await loadStoredDoc(server.testDb.db, docName('agreement', id));
    const unitId = 'demo-a08-k2';
    const anchor = anchorOfUnit(text, LEGAL_FRAGMENT, unitId);
    text.destroy();
    expect(anchor).toBeTruthy();
    const duty = { agreementId: id, anchorStart: anchor!.start, anchorEnd: anchor!.end, quote: anchor!.quote, unitId };
    const created = await call('thads', 'actionItems.create', { agencyId: DEMO_AGENCY_IDS.tand, title: 'Thực hiện Điều 1', dueDate: localDate(), agreement: duty });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ sourceKind: 'agreement', agreementId: id, agencyId: DEMO_AGENCY_IDS.tand });
    const byCourt = await call('toaan', 'actionItems.create', { agencyId: DEMO_AGENCY_IDS.thads, title: 'Ngược lại', dueDate: localDate(), agreement: duty });
    expect(byCourt.error?.data.code).toBe('FORBIDDEN');
    expect((await trpc(server.url, cookies.thads, 'agreements.verify', { agreementId: id })).data.matches).toBe(true);
  });
});
