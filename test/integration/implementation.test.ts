import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';
import { buildUser } from '../factories.ts';
import { localDate } from '../../shared/format.ts';

describe('the implementation view of an agreement', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['thads', 'toaan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
    const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff'] });
    cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
  });
  afterAll(() => server.close());

  const view = (who: string) => trpc(server.url, cookies[who], 'agreements.implementation', { id: 'demo-agreement-01' });

  it('before signing shows each article with its duties but no before-and-after figures', async () => {
    const { data } = await view('toaan');
    expect(data.signedOn).toBeNull();
    expect(data.figures).toEqual([]);
    const article8 = data.articles.find((a: { number: string }) => a.number === '8');
    expect(article8.duties.map((d: { id: string }) => d.id)).toEqual(['demo-item-tand']);
    expect(data.articles.find((a: { number: string }) => a.number === '12').duties.map((d: { id: string }) => d.id)).toEqual(['demo-item-vks']);
    expect(data.unanchoredDuties).toEqual([]);
  });

  it('once in force it lists the follow-up conclusions with the same agencies and the office figures before and since', async () => {
    const signedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    await server.testDb.db.execute({ sql: "UPDATE agreements SET status = 'in_force', in_force_at = ? WHERE id = 'demo-agreement-01'", args: [signedAt] });
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString();
    const created = await trpc(server.url, cookies.thads, 'meetings.create', {
      kind: 'joint', title: 'Họp đôn đốc thực hiện quy chế', startsAt, endsAt, invitedAgencyIds: ['agency-tand'],
    }, 'mutation');
    expect(created.status).toBe(200);
    const concluded = await trpc(server.url, cookies.thads, 'meetings.addConclusion', {
      meetingId: created.data.meeting.id, text: 'Tòa án khẩn trương trả lời yêu cầu giải thích bản án.',
      assignments: [{ agencyId: 'agency-tand', title: 'Trả lời yêu cầu giải thích bản án', dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) }],
    }, 'mutation');
    expect(concluded.status).toBe(200);

    const { data } = await view('toaan');
    expect(data.signedOn).toBe(localDate(signedAt));
    const article8 = data.articles.find((a: { number: string }) => a.number === '8');
    expect(article8.followUps.map((f: { task: string }) => f.task)).toEqual(['Trả lời yêu cầu giải thích bản án']);
    // Article 11 gives work to the police only: the court's conclusion is not its follow-up.
    expect(data.articles.find((a: { number: string }) => a.number === '11').followUps).toEqual([]);
    expect(data.figures.map((f: { agencyShortName: string }) => f.agencyShortName)).toEqual(['THADS Phú Thọ']);
    const office = data.figures[0];
    expect(office.sincePeriod.from).toBe(data.signedOn);
    expect(office.beforePeriod.to < office.sincePeriod.from).toBe(true);
    expect(typeof office.since.cases.carriedOver).toBe('number');
  });

  it('is refused to an agency that is not a party', async () => {
    const { error } = await view('ubnd');
    expect(error?.data.code).toBe('FORBIDDEN');
  });
});
