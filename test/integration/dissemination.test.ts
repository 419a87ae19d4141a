/**
 * Dissemination (quán triệt) of an agreement in force, through the real server: a party's legal
 * staff record it; its subordinate units (from the agency tree) acknowledge once their parent has
 * recorded; units read the agreement only while it is in force; nobody else records or acknowledges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';

let server: CollabTestServer;
const cookies = new Map<string, string>();
beforeAll(async () => { server = await startCollabTestServer(); });
afterAll(() => server.close());

async function cookieOf(who: string): Promise<string> {
  let cookie = cookies.get(who);
  if (!cookie) cookies.set(who, (cookie = await signIn(server.url, `${who}@demo.concord.vn`)));
  return cookie;
}
const mutate = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), `agreements.${path}`, input, 'mutation');
const query = async (who: string, path: string, input?: unknown) => trpc(server.url, await cookieOf(who), `agreements.${path}`, input);

async function inForce(): Promise<string> {
  const id = (await mutate('thads', 'create', { title: 'Quy chế phối hợp cần quán triệt', partyAgencyIds: [DEMO_AGENCY_IDS.tand] })).data.id as string;
  expect((await mutate('thads', 'transition', { agreementId: id, to: 'final' })).status).toBe(200);
  expect((await mutate('thads', 'transition', { agreementId: id, to: 'signing', effectiveDate: localDate() })).status).toBe(200);
  const hash = (await query('thads', 'lifecycle', { agreementId: id })).data.signingHash;
  expect((await mutate('thads', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: hash, capacity: 'deputy' })).status).toBe(200);
  expect((await mutate('toaan', 'sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: hash, capacity: 'deputy' })).data.status).toBe('in_force');
  return id;
}

const record = (agreementId: string, extra: Record<string, unknown> = {}) =>
  ({ agreementId, heldOn: localDate(), form: 'conference', unitIds: [], participants: 40, note: 'Hội nghị trực tiếp', ...extra });

describe('dissemination (quán triệt)', () => {
  it('a party records, its unit acknowledges, and the view shows who has and who has not', async () => {
    const id = await inForce();
    // Units see the agreement only once it is in force: the demo draft stays invisible to them.
    const listed = (await trpc(server.url, await cookieOf('kv1'), 'agreements.list')).data.map((a: { id: string }) => a.id);
    expect(listed).toContain(id);
    expect(listed).not.toContain(DEMO_IDS.agreement);
    expect((await query('kv1', 'get', { id: DEMO_IDS.agreement })).error?.data.code).toBe('FORBIDDEN');

    // The unit acknowledges only after its parent recorded.
    const early = await mutate('kv1', 'acknowledgeDissemination', { agreementId: id });
    expect(early.error?.data.code).toBe('CONFLICT');
    expect(early.error?.message).toContain('Thi hành án dân sự tỉnh Phú Thọ chưa ghi nhận việc quán triệt');

    expect((await mutate('thads', 'recordDissemination', record(id, { unitIds: [DEMO_AGENCY_IDS['thads-kv1']] }))).status).toBe(200);
    expect((await query('kv1', 'dissemination', { agreementId: id })).data.rights).toEqual({ record: false, acknowledge: true });
    expect((await mutate('kv1', 'acknowledgeDissemination', { agreementId: id })).status).toBe(200);
    expect((await mutate('kv1', 'acknowledgeDissemination', { agreementId: id })).error?.data.code).toBe('CONFLICT');

    const view = (await query('thads', 'dissemination', { agreementId: id })).data;
    const thads = view.parties.find((p: { id: string }) => p.id === DEMO_AGENCY_IDS.thads);
    expect(thads.record).toMatchObject({ heldOn: localDate(), form: 'conference', participants: 40, note: 'Hội nghị trực tiếp', recordedByName: 'Nguyễn Văn Hùng' });
    expect(thads.units).toEqual([expect.objectContaining({ id: DEMO_AGENCY_IDS['thads-kv1'], reached: true, acknowledgement: expect.objectContaining({ byName: 'Đỗ Thị Lan' }) })]);
    const tand = view.parties.find((p: { id: string }) => p.id === DEMO_AGENCY_IDS.tand);
    expect(tand.record).toBeNull();
    expect(tand.units).toEqual([expect.objectContaining({ id: DEMO_AGENCY_IDS['tand-kv1'], reached: false, acknowledgement: null })]);
  });

  it('only a party\'s legal staff record, for their own agency and its own units, not in the future', async () => {
    const id = await inForce();
    expect((await mutate('kv1', 'recordDissemination', record(id))).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('congan', 'recordDissemination', record(id))).error?.data.code).toBe('FORBIDDEN');
    const foreignUnit = await mutate('thads', 'recordDissemination', record(id, { unitIds: [DEMO_AGENCY_IDS['tand-kv1']] }));
    expect(foreignUnit.error?.message).toBe('Tòa án nhân dân khu vực 1 - Phú Thọ không phải đơn vị trực thuộc của Thi hành án dân sự tỉnh Phú Thọ.');
    const future = await mutate('thads', 'recordDissemination', record(id, { heldOn: '2999-01-01' }));
    expect(future.error?.message).toBe('Ngày quán triệt không thể ở tương lai.');
    expect((await mutate('thads', 'recordDissemination', record(id, { attachmentId: 'no-such-file' }))).error?.message).toBe('Tệp đính kèm không thuộc quy chế này.');
    const badForm = await mutate('thads', 'recordDissemination', record(id, { form: 'telepathy' }));
    expect(badForm.error?.data.code).toBe('BAD_REQUEST');
    expect(badForm.error?.message).toContain('không phải một lựa chọn hợp lệ');
  });

  it('only a subordinate unit of a party acknowledges, and nothing before the agreement is in force', async () => {
    const id = await inForce();
    expect((await mutate('toaan', 'recordDissemination', record(id, { form: 'document' }))).status).toBe(200);
    expect((await mutate('toaan', 'acknowledgeDissemination', { agreementId: id })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('congan', 'acknowledgeDissemination', { agreementId: id })).error?.data.code).toBe('FORBIDDEN');
    expect((await mutate('tandkv1', 'acknowledgeDissemination', { agreementId: id })).status).toBe(200);

    const draft = (await mutate('thads', 'create', { title: 'Dự thảo chưa ký', partyAgencyIds: [DEMO_AGENCY_IDS.tand] })).data.id as string;
    expect((await mutate('thads', 'recordDissemination', record(draft))).error?.data.code).toBe('CONFLICT');
    expect((await mutate('tandkv1', 'acknowledgeDissemination', { agreementId: draft })).error?.data.code).toBe('FORBIDDEN');
  });
});
