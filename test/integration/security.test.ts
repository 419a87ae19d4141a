/**
 * Nobody keeps rights they lost, no request can exhaust the server (issue 12), on a real server:
 * open sockets across sign-out, disable, agency and role changes; minutes written only by those who
 * may; bodies refused while read; sign-in throttling that cannot lock an agency out; sums that
 * cannot overflow; control characters; the session cookie on tRPC answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';
import { buildUser } from '../factories.ts';
import { connectClient, synced, waitFor, type TestClient } from '../collab/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { CLOSE, docName } from '../../shared/collab.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';

let server: CollabTestServer;
const clients: TestClient[] = [];
const AGREEMENT = docName('agreement', DEMO_IDS.agreement);
const MINUTES = docName('minutes', DEMO_IDS.meeting);

beforeEach(async () => { server = await startCollabTestServer(); });
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

async function open(name: string, cookie: string): Promise<TestClient> {
  const client = connectClient(server.collabUrl, name, cookie);
  clients.push(client);
  await synced(client);
  return client;
}

/** Edits `client`'s copy, then waits long enough for the server to have stored it if it were going to. */
async function editAndSettle(client: TestClient, marker: string): Promise<void> {
  client.doc.getText('probe').insert(0, marker);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await server.collab.flushAll();
}
const stored = async (name: string) => {
  const doc = await loadStoredDoc(server.testDb.db, name);
  try {
    return doc.getText('probe').toString();
  } finally {
    doc.destroy();
  }
};

const adminUpdate = async (userId: string, change: Record<string, unknown>) => {
  const admin = await signIn(server.url, 'admin@demo.concord.vn');
  const users = (await trpc(server.url, admin, 'users.list')).data as { id: string; name: string; title: string; agencyId: string; roles: string[]; disabled: boolean }[];
  const user = users.find((u) => u.id === userId)!;
  const answer = await trpc(server.url, admin, 'users.update', {
    id: user.id, name: user.name, title: user.title, agencyId: user.agencyId, roles: user.roles, disabled: user.disabled, ...change,
  }, 'mutation');
  expect(answer.status).toBe(200);
};

describe('a live-document connection lives no longer than its session and its rights', () => {
  it('sign-out closes the open socket at once (4401) and nothing it sends afterwards is stored', async () => {
    const cookie = await signIn(server.url, 'toaan@demo.concord.vn');
    const client = await open(AGREEMENT, cookie);
    await editAndSettle(client, 'trước;');
    expect(await stored(AGREEMENT)).toContain('trước;');
    const out = await fetch(`${server.url}/auth/sign-out`, { method: 'POST', headers: { cookie, origin: server.url } });
    expect(out.status).toBe(200);
    await waitFor(() => client.closeCodes.includes(CLOSE.unauthenticated), 'the 4401 close');
    await editAndSettle(client, 'sau;');
    expect(await stored(AGREEMENT)).not.toContain('sau;');
  });

  it('a disabled account, a move to another agency and a lost role close or downgrade the socket; later edits are not stored', async () => {
    const moved = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.tand, roles: ['legal_staff'] });
    const demoted = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.tand, roles: ['legal_staff', 'signatory'] });
    const disabled = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.vks, roles: ['legal_staff'] });
    const [a, b, c] = await Promise.all([moved, demoted, disabled].map(async (u) => open(AGREEMENT, await signIn(server.url, u.email, u.password))));

    await adminUpdate(moved.id, { agencyId: DEMO_AGENCY_IDS.ubnd });
    await adminUpdate(demoted.id, { roles: ['signatory'] });
    await adminUpdate(disabled.id, { disabled: true });
    await waitFor(() => a.closeCodes.some((code) => code === CLOSE.unauthenticated || code === CLOSE.forbidden), 'the moved user\'s close');
    await waitFor(() => b.closeCodes.includes(CLOSE.accessChanged), 'the downgrade');
    await waitFor(() => c.closeCodes.includes(CLOSE.unauthenticated), 'the disabled user\'s close');

    // The demoted one comes back read-only: its edits are dropped. The others are not let back in.
    await waitFor(() => b.provider.synced && b.provider.wsconnected, 'the read-only reconnection');
    for (const [client, marker] of [[a, 'chuyển;'], [b, 'hạ quyền;'], [c, 'khóa;']] as const) await editAndSettle(client, marker);
    const text = await stored(AGREEMENT);
    for (const marker of ['chuyển;', 'hạ quyền;', 'khóa;']) expect(text).not.toContain(marker);
    expect(a.provider.wsconnected && c.provider.wsconnected).toBe(false);
  });

  it('minutes are read-only for a viewer of an invited agency and for the administrator', async () => {
    const viewer = await buildUser(server.testDb.db, { agencyId: DEMO_AGENCY_IDS.tand, roles: ['viewer'] });
    const readers = [await open(MINUTES, await signIn(server.url, viewer.email, viewer.password)), await open(MINUTES, await signIn(server.url, 'admin@demo.concord.vn'))];
    const writer = await open(MINUTES, await signIn(server.url, 'toaan@demo.concord.vn'));
    for (const [i, reader] of readers.entries()) await editAndSettle(reader, `người xem ${i};`);
    await editAndSettle(writer, 'thư ký tòa;');
    const text = await stored(MINUTES);
    expect(text).toContain('thư ký tòa;');
    expect(text).not.toContain('người xem');
  });
});

describe('limits before work', () => {
  it('a 20 MB JSON body is answered 413 in Vietnamese before it is read, with or without Content-Length', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const big = JSON.stringify({ title: 'x'.repeat(20 * 1024 * 1024), docNumber: '', partyAgencyIds: [] });
    const started = performance.now();
    const sized = await fetch(`${server.url}/trpc/agreements.create`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: big });
    expect(sized.status).toBe(413);
    expect(((await sized.json()) as { error: string }).error).toBe('Nội dung gửi lên quá lớn (tối đa 1 MB).');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/trpc/agreements.create`, {
      method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: chunks, duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('100 failed sign-ins from one address leave the other accounts able to sign in with their right password', async () => {
    const attempt = (email: string, password: string) => fetch(`${server.url}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    for (let i = 0; i < 100; i++) expect((await attempt(`khong-co-${i}@demo.concord.vn`, 'sai')).status).toBe(401);
    expect((await attempt('thads@demo.concord.vn', 'concord-demo')).status).toBe(200);
    expect((await attempt('vks@demo.concord.vn', 'concord-demo')).status).toBe(200);
    expect((await attempt('vks@demo.concord.vn', 'sai')).status).toBe(401);
  }, 60_000);

  it('1.100 cases of 9.007.199.254.740.991 đ each do not break the statistics', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    const header = 'Số bản án,Ngày bản án,Tòa án,Loại việc,Người phải thi hành án,Số tiền phải thi hành,Phân loại,Ngày thụ lý';
    const rows = Array.from({ length: 1100 }, (_, i) => `${i + 1}/2024/KDTM-ST,01/02/2024,TAND tỉnh,Tín dụng,Công ty ${i},9007199254740991,Có điều kiện,01/03/2024`);
    const imported = await trpc(server.url, cookie, 'cases.import', { csv: [header, ...rows].join('\n') }, 'mutation');
    expect(imported.data).toEqual({ imported: 1100, errors: [] });
    const figures = await trpc(server.url, cookie, 'statistics.figures', { period: { from: '2023-10-01', to: '2024-09-30' }, unit: { kind: 'all' } });
    expect(figures.status).toBe(200);
    expect(figures.data.figures.cases.accepted).toBeGreaterThanOrEqual(1100);
    expect(figures.data.figures.money.accepted).toBeGreaterThan(1100 * 9_007_199_254_740_000);
    const xlsx = await fetch(`${server.url}/export/statistics.xlsx?from=2023-10-01&to=2024-09-30`, { headers: { cookie } });
    expect(xlsx.status).toBe(200);
  });
});

describe('smaller holes', () => {
  it('a NUL byte or a lone surrogate is refused with a message, never stored truncated', async () => {
    const cookie = await signIn(server.url, 'thads@demo.concord.vn');
    for (const title of ['NUL\u0000inside', 'nửa \uD800 cặp']) {
      const answer = await trpc(server.url, cookie, 'agreements.create', { title, docNumber: '', partyAgencyIds: [DEMO_AGENCY_IDS.tand] }, 'mutation');
      expect(answer.status).toBe(400);
      expect(answer.error?.message).toBe('Văn bản có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). Hãy xóa rồi gửi lại.');
    }
    const list = (await trpc(server.url, cookie, 'agreements.list')).data as { title: string }[];
    expect(list.some((a) => a.title.startsWith('NUL'))).toBe(false);
  });

  it('a forged session cookie is cleared on a tRPC answer', async () => {
    const response = await fetch(`${server.url}/trpc/agreements.list`, { headers: { cookie: 'session=forged-secret' } });
    expect(response.status).toBe(401);
    const cleared = response.headers.getSetCookie().find((c) => c.startsWith('session='));
    expect(cleared).toMatch(/^session=;/);
  });
});

