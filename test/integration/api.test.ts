import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, one } from '../../server/db/client.ts';
import { createAgency } from '../../server/domain/agency/index.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';
import { localDate } from '../../shared/format.ts';
import { buildAgency, buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

const DEMO_PARTIES = ['thads', 'toaan', 'vks', 'congan'] as const;
const demoEmail = (who: string) => `${who}@demo.concord.vn`;

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, demoEmail('admin'));
});
afterAll(() => server.close());

const auditCount = async () => Number((await one<{ n: number }>(server.testDb.db, 'SELECT count(*) AS n FROM audit_log'))!.n);
const lastAudit = () => one<{ entity: string; entity_id: string; action: string; user_id: string }>(server.testDb.db,
  'SELECT entity, entity_id, action, user_id FROM audit_log ORDER BY id DESC LIMIT 1');

const newAgency = (overrides: Record<string, unknown> = {}) => ({
  nameVi: 'Sở Tài nguyên và Môi trường tỉnh Phú Thọ', nameEn: 'Department of Natural Resources and Environment of Phú Thọ',
  shortName: 'Sở TNMT Phú Thọ', kind: 'land', level: 'province', parentId: null, validFrom: '2020-01-01', ...overrides,
});

describe('GET /healthz', () => {
  it('answers 200 {"ok":true} while the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 503 once the database is closed under the running server', async () => {
    const own = await startTestServer({ seed: false });
    try {
      own.testDb.db.close();
      const response = await fetch(`${own.url}/healthz`);
      expect(response.status).toBe(503);
      expect((await response.json()).ok).toBe(false);
    } finally {
      await own.close();
    }
  });
});

describe('/trpc without a session', () => {
  it('answers 401 UNAUTHORIZED', async () => {
    for (const path of ['agreements.list', 'meetings.list', 'actionItems.mine', 'users.list']) {
      const result = await trpc(server.url, null, path);
      expect(result.status).toBe(401);
      expect(result.error?.data.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers 401 to a forged session cookie', async () => {
    const result = await trpc(server.url, 'session=forgedforgedforgedforged', 'agreements.list');
    expect(result.status).toBe(401);
  });

  it('answers account.me with null', async () => {
    const result = await trpc(server.url, null, 'account.me');
    expect(result.status).toBe(200);
    expect(result.data).toBeNull();
  });
});

describe('what each demo user sees', () => {
  it.each([...DEMO_PARTIES, 'admin'])('%s@ sees the demo draft agreement in agreements.list, with id and title', async (who) => {
    const cookie = await signIn(server.url, demoEmail(who));
    const result = await trpc(server.url, cookie, 'agreements.list');
    expect(result.status).toBe(200);
    const demo = result.data.find((a: { id: string }) => a.id === DEMO_IDS.agreement);
    expect(demo).toMatchObject({ id: DEMO_IDS.agreement, title: expect.stringContaining('Quy chế phối hợp') });
  });

  it.each([...DEMO_PARTIES, 'admin'])('%s@ sees the demo meeting in meetings.list, with id and title', async (who) => {
    const cookie = await signIn(server.url, demoEmail(who));
    const result = await trpc(server.url, cookie, 'meetings.list');
    expect(result.status).toBe(200);
    expect(result.data.find((m: { id: string }) => m.id === DEMO_IDS.meeting)).toMatchObject({ id: DEMO_IDS.meeting, title: expect.any(String) });
  });

  it.each(DEMO_PARTIES)('%s@ has at least one action item of its own agency, with id, title, dueDate and status', async (who) => {
    const cookie = await signIn(server.url, demoEmail(who));
    const me = (await trpc(server.url, cookie, 'account.me')).data;
    const result = await trpc(server.url, cookie, 'actionItems.mine');
    expect(result.status).toBe(200);
    expect(result.data.length).toBeGreaterThanOrEqual(1);
    for (const item of result.data) {
      expect(item).toMatchObject({ id: expect.any(String), title: expect.any(String), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: 'open' });
      expect(item.agencyId).toBe(me.agency.id);
    }
  });

  it('a user of an agency that is party to nothing sees no agreement, no meeting and no action item', async () => {
    const outsider = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.ubnd, roles: ['legal_staff', 'chair'] });
    const cookie = await signIn(server.url, outsider.email, outsider.password);
    expect((await trpc(server.url, cookie, 'agreements.list')).data).toEqual([]);
    expect((await trpc(server.url, cookie, 'meetings.list')).data).toEqual([]);
    expect((await trpc(server.url, cookie, 'actionItems.mine')).data).toEqual([]);
    const get = await trpc(server.url, cookie, 'agreements.get', { id: DEMO_IDS.agreement });
    expect(get.status).toBe(403);
    expect(get.error?.data.code).toBe('FORBIDDEN');
  });

  it('agreements.get of an unknown id is NOT_FOUND', async () => {
    const cookie = await signIn(server.url, demoEmail('thads'));
    const result = await trpc(server.url, cookie, 'agreements.get', { id: 'no-such-agreement' });
    expect(result.status).toBe(404);
    expect(result.error?.data.code).toBe('NOT_FOUND');
  });
});

describe('administration', () => {
  it('refuses users.list to a non-admin with 403 FORBIDDEN', async () => {
    for (const who of DEMO_PARTIES) {
      const result = await trpc(server.url, await signIn(server.url, demoEmail(who)), 'users.list');
      expect(result.status).toBe(403);
      expect(result.error?.data.code).toBe('FORBIDDEN');
    }
  });

  it('refuses agencies.create to a non-admin and writes nothing', async () => {
    const cookie = await signIn(server.url, demoEmail('thads'));
    const before = await auditCount();
    const result = await trpc(server.url, cookie, 'agencies.create', newAgency({ shortName: 'Không được' }), 'mutation');
    expect(result.error?.data.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(before);
    expect(await one(server.testDb.db, "SELECT 1 FROM agencies WHERE short_name = 'Không được'")).toBeUndefined();
  });

  it('lets the admin create an agency and a user in it, then change the user\'s roles, each with one audit entry', async () => {
    let count = await auditCount();
    const agency = await trpc(server.url, admin, 'agencies.create', newAgency(), 'mutation');
    expect(agency.status).toBe(200);
    expect(agency.data).toMatchObject({ id: expect.any(String), shortName: 'Sở TNMT Phú Thọ', validTo: null });
    expect(await auditCount()).toBe(count += 1);
    expect(await lastAudit()).toMatchObject({ entity: 'agency', entity_id: agency.data.id, action: 'create', user_id: 'user-admin' });

    const user = await trpc(server.url, admin, 'users.create', {
      email: 'chuyenvien@tnmt.phutho.gov.vn', name: 'Vũ Thị Lan', title: 'Chuyên viên', agencyId: agency.data.id, roles: ['viewer'], password: 'mat-khau-ban-dau',
    }, 'mutation');
    expect(user.status).toBe(200);
    expect(user.data).toMatchObject({ email: 'chuyenvien@tnmt.phutho.gov.vn', agencyId: agency.data.id, roles: ['viewer'], disabled: false });
    expect(JSON.stringify(user.data)).not.toContain('password');
    expect(await auditCount()).toBe(count += 1);
    expect(await lastAudit()).toMatchObject({ entity: 'user', entity_id: user.data.id, action: 'create' });

    const updated = await trpc(server.url, admin, 'users.update', {
      id: user.data.id, name: 'Vũ Thị Lan', title: 'Chuyên viên chính', agencyId: agency.data.id, roles: ['legal_staff', 'signatory'], disabled: false,
    }, 'mutation');
    expect(updated.status).toBe(200);
    expect(updated.data.roles).toEqual(['legal_staff', 'signatory']);
    expect(await auditCount()).toBe(count += 1);
    expect(await lastAudit()).toMatchObject({ entity: 'user', entity_id: user.data.id, action: 'update' });

    const listed = (await trpc(server.url, admin, 'users.list')).data.find((u: { id: string }) => u.id === user.data.id);
    expect(listed).toMatchObject({ title: 'Chuyên viên chính', roles: ['legal_staff', 'signatory'] });
    const cookie = await signIn(server.url, 'chuyenvien@tnmt.phutho.gov.vn', 'mat-khau-ban-dau');
    expect((await trpc(server.url, cookie, 'account.me')).data.roles).toEqual(expect.arrayContaining(['legal_staff', 'signatory']));
  });

  it('refuses a duplicate email, in any letter case, with CONFLICT and leaves neither a row nor an audit entry', async () => {
    const users = async () => Number((await one<{ n: number }>(server.testDb.db, 'SELECT count(*) AS n FROM users'))!.n);
    const [usersBefore, auditBefore] = [await users(), await auditCount()];
    for (const email of ['thads@demo.concord.vn', 'THADS@Demo.Concord.vn']) {
      const result = await trpc(server.url, admin, 'users.create', {
        email, name: 'Trùng email', agencyId: DEMO_AGENCY_IDS.thads, roles: ['viewer'], password: 'mat-khau-ban-dau',
      }, 'mutation');
      expect(result.status).toBe(409);
      expect(result.error?.data.code).toBe('CONFLICT');
      expect(result.error?.message).toBe('Email này đã được dùng cho tài khoản khác.');
    }
    expect(await users()).toBe(usersBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('writes a change and its audit entry in one transaction: a failure after both leaves neither', async () => {
    const db = server.testDb.db;
    const auditBefore = await auditCount();
    const actor = { id: 'user-admin', agency: { id: DEMO_AGENCY_IDS.thads }, roles: ['admin' as const] };
    await expect(db.write(async (tx) => {
      await createAgency(tx, actor, newAgency({ shortName: 'Nửa chừng' }) as Parameters<typeof createAgency>[2]);
      throw new Error('the step after the change failed');
    })).rejects.toThrow('the step after the change failed');
    expect(await one(db, "SELECT 1 FROM agencies WHERE short_name = 'Nửa chừng'")).toBeUndefined();
    expect(await auditCount()).toBe(auditBefore);
  });

  it('keeps the last admin an admin: removing the role or disabling the account is a CONFLICT', async () => {
    const own = await startTestServer();
    try {
      const cookie = await signIn(own.url, demoEmail('admin'));
      const me = { id: 'user-admin', name: 'Trần Thị Mai', title: '', agencyId: DEMO_AGENCY_IDS.thads };
      const demote = await trpc(own.url, cookie, 'users.update', { ...me, roles: ['legal_staff'], disabled: false }, 'mutation');
      expect(demote.error?.data.code).toBe('CONFLICT');
      expect(demote.error?.message).toBe('Không thể bỏ quyền quản trị của quản trị viên cuối cùng.');
      const disable = await trpc(own.url, cookie, 'users.update', { ...me, roles: ['admin'], disabled: true }, 'mutation');
      expect(disable.error?.data.code).toBe('CONFLICT');
      expect((await trpc(own.url, cookie, 'users.list')).status).toBe(200);

      // With a second admin, the first may step down.
      await buildUser(own.testDb.db, { roles: ['admin'], agencyId: DEMO_AGENCY_IDS.thads });
      const stepDown = await trpc(own.url, cookie, 'users.update', { ...me, roles: ['legal_staff'], disabled: false }, 'mutation');
      expect(stepDown.status).toBe(200);
      expect((await trpc(own.url, cookie, 'users.list')).error?.data.code).toBe('FORBIDDEN');
    } finally {
      await own.close();
    }
  });

  it('does not count a disabled admin as the admin who remains', async () => {
    const own = await startTestServer();
    try {
      await buildUser(own.testDb.db, { roles: ['admin'], agencyId: DEMO_AGENCY_IDS.thads, disabled: true });
      const cookie = await signIn(own.url, demoEmail('admin'));
      const demote = await trpc(own.url, cookie, 'users.update', {
        id: 'user-admin', name: 'Trần Thị Mai', title: '', agencyId: DEMO_AGENCY_IDS.thads, roles: ['viewer'], disabled: false,
      }, 'mutation');
      expect(demote.error?.data.code).toBe('CONFLICT');
    } finally {
      await own.close();
    }
  });
});

describe('agency history', () => {
  it('keeps a retired agency with its successor and its users, and refuses it for a new user', async () => {
    const old = await buildAgency(server.testDb.db, { shortName: 'Chi cục cũ', validFrom: '2015-01-01' });
    const successor = await buildAgency(server.testDb.db, { shortName: 'Phòng khu vực mới', validFrom: '2025-07-01' });
    const member = await buildUser(server.testDb.db, { agencyId: old.id });
    const today = localDate();

    const retired = await trpc(server.url, admin, 'agencies.retire', { id: old.id, successorId: successor.id, date: today }, 'mutation');
    expect(retired.status).toBe(200);
    expect(retired.data).toMatchObject({ id: old.id, validTo: today, successorId: successor.id });

    const agencies = (await trpc(server.url, admin, 'agencies.list')).data;
    expect(agencies.find((a: { id: string }) => a.id === old.id)).toMatchObject({ shortName: 'Chi cục cũ', validFrom: '2015-01-01', validTo: today, successorId: successor.id });
    const users = (await trpc(server.url, admin, 'users.list')).data;
    expect(users.find((u: { id: string }) => u.id === member.id)).toMatchObject({ agencyId: old.id, agencyShortName: 'Chi cục cũ' });

    const refused = await trpc(server.url, admin, 'users.create', {
      email: 'moi@test.concord.vn', name: 'Người mới', agencyId: old.id, roles: ['viewer'], password: 'mat-khau-ban-dau',
    }, 'mutation');
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
    expect(refused.error?.message).toBe('Cơ quan đã ngừng hoạt động (đã sáp nhập hoặc đổi tên).');

    const again = await trpc(server.url, admin, 'agencies.retire', { id: old.id, successorId: successor.id, date: today }, 'mutation');
    expect(again.error?.data.code).toBe('CONFLICT');
  });

  it('refuses the demo agency retired in the 2025 reorganisation for a new user', async () => {
    const refused = await trpc(server.url, admin, 'users.create', {
      email: 'cu@test.concord.vn', name: 'Người mới', agencyId: DEMO_AGENCY_IDS['thads-old'], roles: ['viewer'], password: 'mat-khau-ban-dau',
    }, 'mutation');
    expect(refused.error?.data.code).toBe('BAD_REQUEST');
  });

  it('refuses an agency as its own successor', async () => {
    const agency = await buildAgency(server.testDb.db);
    const result = await trpc(server.url, admin, 'agencies.retire', { id: agency.id, successorId: agency.id, date: localDate() }, 'mutation');
    expect(result.error?.data.code).toBe('BAD_REQUEST');
  });

  it('refuses a parent that would make a cycle, including the agency itself', async () => {
    const top = await buildAgency(server.testDb.db, { level: 'province' });
    const middle = await buildAgency(server.testDb.db, { level: 'regional', parentId: top.id });
    const bottom = await buildAgency(server.testDb.db, { level: 'regional', parentId: middle.id });
    const auditBefore = await auditCount();
    const update = (parentId: string) => trpc(server.url, admin, 'agencies.update', {
      id: top.id, nameVi: top.nameVi, nameEn: top.nameEn, shortName: top.shortName, kind: top.kind, level: top.level, parentId, validFrom: top.validFrom,
    }, 'mutation');

    for (const parentId of [bottom.id, middle.id, top.id]) {
      const result = await update(parentId);
      expect(result.error?.data.code).toBe('BAD_REQUEST');
      expect(result.error?.message).toBe('Cơ quan cấp trên không thể là chính nó hoặc cơ quan cấp dưới của nó.');
    }
    expect(await auditCount()).toBe(auditBefore);
    expect((await update(DEMO_AGENCY_IDS.ubnd)).status).toBe(200);
  });
});

describe('bad input and unknown routes', () => {
  it('answers bad input with BAD_REQUEST and a message naming the field', async () => {
    const result = await trpc(server.url, admin, 'agencies.create', newAgency({ validFrom: '2024-02-30', level: 'planet' }), 'mutation');
    expect(result.status).toBe(400);
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toMatch(/^Dữ liệu không hợp lệ\./);
    expect(result.error?.message).toContain('validFrom');
    expect(result.error?.message).toContain('level');
  });

  it('answers a missing input with BAD_REQUEST', async () => {
    const result = await trpc(server.url, admin, 'users.create', undefined, 'mutation');
    expect(result.error?.data.code).toBe('BAD_REQUEST');
  });

  it('answers 404 to an unknown procedure and an unknown export', async () => {
    const cookie = await signIn(server.url, demoEmail('thads'));
    const procedure = await fetch(`${server.url}/trpc/nope`, { headers: { cookie } });
    expect(procedure.status).toBe(404);
    expect((await procedure.json()).error.data.code).toBe('NOT_FOUND');
    expect((await fetch(`${server.url}/export/nope`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/auth/nope`, { method: 'POST', headers: { origin: server.url } })).status).toBe(404);
  });
});

describe('audit.list', () => {
  it('pages newest first with a cursor, without gaps or repeats', async () => {
    for (let i = 0; i < 5; i += 1) await buildAgency(server.testDb.db).then((agency) => trpc(server.url, admin, 'agencies.update', {
      id: agency.id, nameVi: `${agency.nameVi} (sửa ${i})`, nameEn: agency.nameEn, shortName: agency.shortName, kind: agency.kind, level: agency.level, parentId: null, validFrom: agency.validFrom,
    }, 'mutation'));
    const total = await auditCount();

    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await trpc(server.url, admin, 'audit.list', { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.data.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.items.map((item: { id: number }) => item.id));
      cursor = page.data.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 1000);

    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(pages).toBe(Math.ceil(total / 3));
  });

  it('filters by entity and names who acted', async () => {
    const page = await trpc(server.url, admin, 'audit.list', { entity: 'agency', limit: 200 });
    expect(page.data.items.length).toBeGreaterThan(0);
    for (const item of page.data.items) expect(item.entity).toBe('agency');
    expect(page.data.items.find((item: { action: string }) => item.action === 'update')).toMatchObject({ userName: 'Trần Thị Mai', agencyShortName: 'THADS Phú Thọ' });
  });

  it('is refused to a non-admin', async () => {
    const result = await trpc(server.url, await signIn(server.url, demoEmail('vks')), 'audit.list', { limit: 10 });
    expect(result.error?.data.code).toBe('FORBIDDEN');
  });
});

describe('error messages follow the user\'s locale', () => {
  it('are Vietnamese by default and English once the user chooses English', async () => {
    const user = await buildUser(server.testDb.db, { roles: ['legal_staff'] });
    const cookie = await signIn(server.url, user.email, user.password);
    const vi = await trpc(server.url, cookie, 'users.list');
    expect(vi.error?.message).toBe('Bạn không có quyền thực hiện thao tác này.');

    const set = await trpc(server.url, cookie, 'account.setLocale', { locale: 'en' }, 'mutation');
    expect(set.status).toBe(200);
    expect((await trpc(server.url, cookie, 'account.me')).data.locale).toBe('en');

    const en = await trpc(server.url, cookie, 'users.list');
    expect(en.error?.data.code).toBe('FORBIDDEN');
    expect(en.error?.message).toBe('You are not allowed to do this.');
    const invalid = await trpc(server.url, cookie, 'account.changePassword', { currentPassword: user.password, newPassword: 'short' }, 'mutation');
    expect(invalid.error?.message).toMatch(/^Invalid input\./);
    const wrong = await trpc(server.url, cookie, 'account.changePassword', { currentPassword: 'not-my-password', newPassword: 'a-long-new-password' }, 'mutation');
    expect(wrong.error?.message).toBe('The current password is wrong.');
  });

  it('follows Accept-Language before sign-in', async () => {
    const response = await fetch(`${server.url}/trpc/agreements.list`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect((await response.json()).error.message).toBe('Please sign in.');
    const vi = await fetch(`${server.url}/trpc/agreements.list`);
    expect((await vi.json()).error.message).toBe('Vui lòng đăng nhập.');
  });
});
