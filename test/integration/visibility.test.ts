/**
 * One visibility rule: the SQL scopes of `server/policy/scopes.ts` and `can(user, '<thing>.read')`
 * agree on every record of multi-agency data, for every person; and the places that once leaked
 * (the conflict warning, the case page) show only what the policy lets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';
import { buildAgency, buildAgreement, buildUser, type BuiltUser } from '../factories.ts';
import { all } from '../../server/db/client.ts';
import { can, type Actor } from '../../server/policy/index.ts';
import { visibleActionItem, visibleAgreement, visibleCase, visibleCaseIds, visibleMeeting } from '../../server/policy/scopes.ts';
import { getAgreement, listVisibleAgreements } from '../../server/domain/agreement/index.ts';
import { getMeeting, listVisibleMeetings } from '../../server/domain/meeting/index.ts';
import { getCase, listVisibleCases } from '../../server/domain/case/index.ts';
import { getActionItem } from '../../server/domain/action-item/index.ts';
import { listUsers } from '../../server/domain/user/index.ts';
import * as meetingCommands from '../../server/domain/meeting/commands.ts';
import * as caseCommands from '../../server/domain/case/commands.ts';
import * as actionItemCommands from '../../server/domain/action-item/commands.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import type { User } from 'lucia';

let server: TestServer;
let vksChair: BuiltUser;
let privateMeetingId: string;
const inAWeek = (hour: number) => new Date(Date.now() + 7 * 86_400_000 + hour * 3_600_000).toISOString();

/** What a command needs to act as this person (the shape the session gives). */
function asUser(person: BuiltUser): User {
  return {
    id: person.id, email: person.email, name: person.name, title: person.title, locale: 'vi', roles: person.roles,
    agency: { id: person.agencyId, nameVi: '', nameEn: '', shortName: '' },
  } as User;
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.testDb.db;
  const live = server.collab.live;
  // Beside the demo data: a procuracy chair with a meeting THADS is not invited to, on the demo case;
  // an agreement between the procuracy and the people's committee; a case of another office; work for it.
  vksChair = await buildUser(db, { agencyId: DEMO_AGENCY_IDS.vks, roles: ['chair', 'legal_staff'] });
  const ubndStaff = await buildUser(db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['legal_staff'] });
  const otherOffice = await buildAgency(db);
  const officer = await buildUser(db, { agencyId: otherOffice.id, roles: ['legal_staff', 'chair'] });
  await buildAgreement(db, { createdBy: vksChair, partyAgencyIds: [DEMO_AGENCY_IDS.ubnd] });
  const vks = { db, live, actor: asUser(vksChair) };
  const { meeting } = await meetingCommands.create(vks, {
    kind: 'joint', title: 'Họp riêng của Viện kiểm sát về vụ Thành Đạt', startsAt: inAWeek(1), endsAt: inAWeek(2), place: '', onlineUrl: '',
    invitedAgencyIds: [DEMO_AGENCY_IDS.ubnd], inviteeUserIds: [ubndStaff.id], secretaryUserId: null,
    agenda: [{ title: 'Kiểm sát việc kê biên', caseId: DEMO_IDS.case }], heldAlready: false,
  });
  privateMeetingId = meeting.id;
  await meetingCommands.addConclusion(vks, {
    meetingId: meeting.id, agendaItemId: null, text: 'UBND rà soát hồ sơ đất.',
    assignments: [{ agencyId: DEMO_AGENCY_IDS.ubnd, title: 'Rà soát hồ sơ đất', description: '', dueDate: inAWeek(24).slice(0, 10) }],
  });
  await caseCommands.create({ db, live, actor: asUser(officer) }, {
    judgmentNumber: '99/2024/DS-ST', judgmentDate: '2024-01-02', courtName: 'Tòa án nhân dân huyện', caseType: 'civil', creditor: 'A', debtor: 'B',
    amountDue: 1_000_000, amountCollected: 0, classification: 'enforceable', acceptedOn: '2024-02-01', officerName: '', disputedAssets: false,
    hotSpot: false, judgmentUnclear: false, summary: '', involvedAgencyIds: [DEMO_AGENCY_IDS.ca],
  });
  await actionItemCommands.create({ db, live, actor: asUser(officer) }, {
    agencyId: otherOffice.id, assigneeUserId: null, title: 'Xác minh tài sản', description: '', dueDate: inAWeek(24).slice(0, 10), recurrence: null, agreement: null,
  });
});
afterAll(() => server.close());

describe('one visibility rule', () => {
  it('for every person and every agreement, meeting, case and action item, the SQL scope and the policy agree', async () => {
    const db = server.testDb.db;
    const people = await listUsers(db);
    const ids = async (table: string) => (await all<{ id: string }>(db, `SELECT id FROM ${table}`)).map((r) => r.id);
    const [agreements, meetings, cases, items] = await Promise.all([ids('agreements'), ids('meetings'), ids('cases'), ids('action_items')]);
    expect(people.length).toBeGreaterThanOrEqual(8);
    expect(meetings.length).toBeGreaterThanOrEqual(2);
    let checked = 0;
    for (const person of people) {
      const actor: Actor = { id: person.id, agency: { id: person.agencyId }, roles: person.roles };
      const scoped = async (table: string, alias: string, condition: string) =>
        new Set((await all<{ id: string }>(db, `SELECT ${alias}.id FROM ${table} ${alias} WHERE ${condition}`, [person.agencyId])).map((r) => r.id));
      const [sa, sm, sc, si] = await Promise.all([
        scoped('agreements', 'g', visibleAgreement('g', '?1')), scoped('meetings', 'm', visibleMeeting('m', '?1')),
        scoped('cases', 'c', visibleCase('c', '?1')), scoped('action_items', 'i', visibleActionItem('i', '?1')),
      ]);
      for (const id of agreements) expect(sa.has(id), `agreement ${id} for ${person.email}`).toBe(can(actor, 'agreement.read', (await getAgreement(db, id))!));
      for (const id of meetings) expect(sm.has(id), `meeting ${id} for ${person.email}`).toBe(can(actor, 'meeting.read', (await getMeeting(db, id))!));
      for (const id of cases) expect(sc.has(id), `case ${id} for ${person.email}`).toBe(can(actor, 'case.read', (await getCase(db, id))!));
      for (const id of items) expect(si.has(id), `action item ${id} for ${person.email}`).toBe(can(actor, 'actionItem.read', (await getActionItem(db, id))!));
      expect(new Set((await all<{ id: string }>(db, visibleCaseIds('?1'), [person.agencyId])).map((r) => r.id)), `case ids for ${person.email}`).toEqual(sc);
      // The lists are the scopes.
      expect(new Set((await listVisibleAgreements(db, actor)).map((a) => a.id))).toEqual(sa);
      expect(new Set((await listVisibleMeetings(db, actor)).map((m) => m.id))).toEqual(sm);
      expect(new Set((await listVisibleCases(db, actor)).map((c) => c.id))).toEqual(sc);
      checked += agreements.length + meetings.length + cases.length + items.length;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('a conflict with a meeting the caller may not see says only "busy": no id, no title', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const { data } = await trpc(server.url, cookie, 'meetings.conflicts', {
      userIds: [vksChair.id], startsAt: inAWeek(1), endsAt: inAWeek(3), meetingId: null,
    });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ userId: vksChair.id, meetingId: null, title: null });
    expect(JSON.stringify(data)).not.toContain('Viện kiểm sát về vụ Thành Đạt');
    // The chair sees their own meeting by name.
    const own = await trpc(server.url, await signIn(server.url, vksChair.email, vksChair.password), 'meetings.conflicts', {
      userIds: [vksChair.id], startsAt: inAWeek(1), endsAt: inAWeek(3), meetingId: null,
    });
    expect(own.data[0]).toMatchObject({ meetingId: privateMeetingId, title: 'Họp riêng của Viện kiểm sát về vụ Thành Đạt' });
  });

  it('the case page lists only the meetings the caller may see: no title, agenda or conclusion of another', async () => {
    const thads = await trpc(server.url, await signIn(server.url, 'thads@demo.concord.vn'), 'cases.get', { id: DEMO_IDS.case });
    expect(thads.status).toBe(200);
    expect(thads.data.meetings.map((m: { meetingId: string }) => m.meetingId)).toEqual([DEMO_IDS.meeting]);
    const body = JSON.stringify(thads.data);
    for (const secret of ['Họp riêng của Viện kiểm sát', 'Kiểm sát việc kê biên', 'UBND rà soát hồ sơ đất']) expect(body).not.toContain(secret);
    const vks = await trpc(server.url, await signIn(server.url, vksChair.email, vksChair.password), 'cases.get', { id: DEMO_IDS.case });
    expect(vks.data.meetings.map((m: { meetingId: string }) => m.meetingId).sort()).toEqual([DEMO_IDS.meeting, privateMeetingId].sort());
  });

  it('the statistics drill-down lists only the cases the caller may see, and counts the others', async () => {
    const period = { from: '2023-10-01', to: '2024-09-30' };
    const drill = async (cookie: string) => (await trpc(server.url, cookie, 'statistics.cases', { period, unit: { kind: 'all' }, figure: 'accepted', limit: 500 })).data as {
      total: number; visible: number; hidden: number; cases: { judgmentNumber: string }[];
    };
    const thads = await drill(await signIn(server.url, 'thads@demo.concord.vn'));
    expect(thads.cases.map((c) => c.judgmentNumber)).not.toContain('99/2024/DS-ST');
    expect(thads.hidden).toBeGreaterThanOrEqual(1);
    expect(thads.visible + thads.hidden).toBe(thads.total);
    expect(thads.cases).toHaveLength(thads.visible);
    // The police are involved in that case: they see it.
    expect((await drill(await signIn(server.url, 'congan@demo.concord.vn'))).cases.map((c) => c.judgmentNumber)).toContain('99/2024/DS-ST');
  });

  it('search finds a meeting only for the agencies at its table', async () => {
    const hits = async (cookie: string) => (await trpc(server.url, cookie, 'search.query', { q: 'hop rieng vien kiem sat' })).data as { id: string }[];
    expect((await hits(await signIn(server.url, 'thads@demo.concord.vn'))).map((h) => h.id)).not.toContain(privateMeetingId);
    expect((await hits(await signIn(server.url, vksChair.email, vksChair.password))).map((h) => h.id)).toContain(privateMeetingId);
  });
});
