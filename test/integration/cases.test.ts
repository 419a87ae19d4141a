import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../server/db/client.ts';
import { DEMO_IDS } from '../../server/demo/seed.ts';
import { addDays, localDate } from '../../shared/format.ts';
import { message } from '../../shared/messages.ts';
import { buildUser } from '../factories.ts';
import { signIn, startTestServer, trpc, type TestServer } from '../helpers.ts';

let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['thads', 'toaan', 'vks', 'congan']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  const outsider = await buildUser(server.testDb.db, { agencyId: 'agency-ubnd', roles: ['legal_staff', 'chair'] });
  cookies.ubnd = await signIn(server.url, outsider.email, outsider.password);
});
afterAll(() => server.close());

let counter = 0;
const newCase = (overrides: Record<string, unknown> = {}) => ({
  judgmentNumber: `${(counter += 1)}/2024/DS-ST`, judgmentDate: '2024-01-10', courtName: 'Tòa án nhân dân tỉnh Phú Thọ',
  caseType: 'civil', creditor: 'Bà Nguyễn Thị Lan', debtor: 'Ông Trần Văn Bình', amountDue: 150_000_000, amountCollected: 0,
  classification: 'enforceable', acceptedOn: '2024-02-01', officerName: 'Nguyễn Văn Hùng', involvedAgencyIds: [], ...overrides,
});

const call = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
const query = (who: string, path: string, input?: unknown) => trpc(server.url, cookies[who], path, input);

async function create(overrides: Record<string, unknown> = {}) {
  const result = await call('thads', 'cases.create', newCase(overrides));
  expect(result.error).toBeUndefined();
  return result.data as { id: string; status: string; flags: { flag: string; detail: string }[] };
}

const count = async (table: string) => Number((await one<{ n: number }>(server.testDb.db, `SELECT count(*) AS n FROM ${table}`))!.n);

describe('creating, updating and reading a case', () => {
  it('legal staff of the enforcement office create a case that starts accepted, with its acceptance in the history', async () => {
    const created = await create({ judgmentNumber: '101/2024/DS-ST', involvedAgencyIds: ['agency-tand'] });
    expect(created).toMatchObject({ judgmentNumber: '101/2024/DS-ST', officeAgencyId: 'agency-thads', status: 'accepted', amountDue: 150_000_000, involvedAgencyIds: ['agency-tand'] });
    const got = await query('thads', 'cases.get', { id: created.id });
    expect(got.status).toBe(200);
    expect(got.data).toMatchObject({ id: created.id, canEdit: true, meetings: [] });
    expect(got.data.history).toEqual([expect.objectContaining({ status: 'accepted', onDate: '2024-02-01', userName: 'Nguyễn Văn Hùng' })]);
  });

  it('an update changes the record and who is involved', async () => {
    const created = await create();
    const updated = await call('thads', 'cases.update', {
      id: created.id, case: newCase({ judgmentNumber: '102/2024/DS-ST', amountDue: 300_000_000, amountCollected: 120_000_000, involvedAgencyIds: ['agency-vks', 'agency-ca'] }),
    });
    expect(updated.status).toBe(200);
    const got = (await query('thads', 'cases.get', { id: created.id })).data;
    expect(got).toMatchObject({ judgmentNumber: '102/2024/DS-ST', amountDue: 300_000_000, amountCollected: 120_000_000 });
    expect([...got.involvedAgencyIds].sort()).toEqual(['agency-ca', 'agency-vks']);
  });

  it('get of an unknown case is NOT_FOUND', async () => {
    const result = await query('thads', 'cases.get', { id: 'no-such-case' });
    expect(result.error?.data.code).toBe('NOT_FOUND');
  });
});

describe('who sees and edits a case', () => {
  it('an agency not involved in the case gets FORBIDDEN and does not list it', async () => {
    const result = await query('ubnd', 'cases.get', { id: DEMO_IDS.case });
    expect(result.status).toBe(403);
    expect(result.error?.data.code).toBe('FORBIDDEN');
    expect((await query('ubnd', 'cases.list')).data).toEqual([]);
  });

  it('an involved agency reads the case but may not edit it nor record a status', async () => {
    const got = await query('toaan', 'cases.get', { id: DEMO_IDS.case });
    expect(got.status).toBe(200);
    expect(got.data).toMatchObject({ id: DEMO_IDS.case, canEdit: false });
    expect((await query('toaan', 'cases.list')).data.map((c: { id: string }) => c.id)).toContain(DEMO_IDS.case);

    const update = await call('toaan', 'cases.update', { id: DEMO_IDS.case, case: newCase({ judgmentNumber: '15/2022/KDTM-PT' }) });
    expect(update.error?.data.code).toBe('FORBIDDEN');
    const status = await call('toaan', 'cases.recordStatus', { caseId: DEMO_IDS.case, status: 'coercion', onDate: localDate() });
    expect(status.error?.data.code).toBe('FORBIDDEN');
    expect((await query('thads', 'cases.get', { id: DEMO_IDS.case })).data.status).toBe('seizure');
  });

  it('a user without legal staff or chair role may not create a case', async () => {
    const result = await call('congan', 'cases.create', newCase());
    expect(result.error?.data.code).toBe('FORBIDDEN');
  });
});

describe('what a case record must satisfy', () => {
  it('a judgment number already in the register is a CONFLICT, on create and on update', async () => {
    const before = await count('cases');
    const duplicate = await call('thads', 'cases.create', newCase({ judgmentNumber: '15/2022/KDTM-PT' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.error?.data.code).toBe('CONFLICT');
    expect(duplicate.error?.message).toContain('15/2022/KDTM-PT');
    const other = await create();
    const update = await call('thads', 'cases.update', { id: other.id, case: newCase({ judgmentNumber: '15/2022/KDTM-PT' }) });
    expect(update.error?.data.code).toBe('CONFLICT');
    expect(await count('cases')).toBe(before + 1);
  });

  it('more money collected than due is BAD_REQUEST naming amountCollected', async () => {
    const result = await call('thads', 'cases.create', newCase({ amountDue: 100_000_000, amountCollected: 100_000_001 }));
    expect(result.status).toBe(400);
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toContain('Số tiền đã thu:');
    expect(Object.keys((result.error?.data as { fieldErrors?: object }).fieldErrors ?? {})).toEqual(['amountCollected']);
  });

  it('accepting a case before its judgment was given is BAD_REQUEST naming acceptedOn', async () => {
    const result = await call('thads', 'cases.create', newCase({ judgmentDate: '2024-03-01', acceptedOn: '2024-02-28' }));
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toContain('Ngày thụ lý:');
  });

  it('money that is not a whole number of đồng is refused', async () => {
    for (const amountDue of [1_500_000.5, '2.500.000.000', -1]) {
      const result = await call('thads', 'cases.create', newCase({ amountDue }));
      expect(result.error?.data.code).toBe('BAD_REQUEST');
      expect(result.error?.message).toContain('Số tiền phải thi hành:');
    }
    const collected = await call('thads', 'cases.create', newCase({ amountCollected: 0.01 }));
    expect(collected.error?.message).toContain('Số tiền đã thu:');
  });

  it('an impossible calendar date is refused', async () => {
    const result = await call('thads', 'cases.create', newCase({ judgmentDate: '2024-02-30' }));
    expect(result.error?.data.code).toBe('BAD_REQUEST');
    expect(result.error?.message).toContain('Ngày bản án:');
  });
});

describe('the dated status history', () => {
  it('each step is kept with its date, and the current status is the latest by date', async () => {
    const created = await create({ acceptedOn: '2024-02-01' });
    for (const [status, onDate] of [['decision_issued', '2024-02-05'], ['verification', '2024-03-10'], ['seizure', '2024-06-20']]) {
      const result = await call('thads', 'cases.recordStatus', { caseId: created.id, status, onDate, note: `bước ${status}` });
      expect(result.status).toBe(200);
      expect(result.data.status).toBe(status);
    }
    const got = (await query('thads', 'cases.get', { id: created.id })).data;
    expect(got.history.map((h: { status: string; onDate: string }) => [h.status, h.onDate])).toEqual([
      ['accepted', '2024-02-01'], ['decision_issued', '2024-02-05'], ['verification', '2024-03-10'], ['seizure', '2024-06-20'],
    ]);
  });

  it('a step entered late goes into its place in the history without overwriting a newer status', async () => {
    const created = await create({ acceptedOn: '2024-02-01' });
    await call('thads', 'cases.recordStatus', { caseId: created.id, status: 'coercion', onDate: '2024-09-01' });
    const late = await call('thads', 'cases.recordStatus', { caseId: created.id, status: 'verification', onDate: '2024-04-15', note: 'nhập muộn' });
    expect(late.status).toBe(200);
    expect(late.data.status).toBe('coercion');
    const got = (await query('thads', 'cases.get', { id: created.id })).data;
    expect(got.status).toBe('coercion');
    expect(got.history.map((h: { status: string }) => h.status)).toEqual(['accepted', 'verification', 'coercion']);
  });

  it('a step dated in the future or before the acceptance is refused and not recorded', async () => {
    const created = await create({ acceptedOn: '2024-02-01' });
    const future = await call('thads', 'cases.recordStatus', { caseId: created.id, status: 'seizure', onDate: addDays(localDate(), 1) });
    expect(future.error?.data.code).toBe('BAD_REQUEST');
    expect(future.error?.message).toBe(message('vi', 'statusInFuture'));
    const early = await call('thads', 'cases.recordStatus', { caseId: created.id, status: 'seizure', onDate: '2024-01-31' });
    expect(early.error?.data.code).toBe('BAD_REQUEST');
    expect(early.error?.message).toBe(message('vi', 'statusBeforeAcceptance'));
    const got = (await query('thads', 'cases.get', { id: created.id })).data;
    expect(got.history).toHaveLength(1);
    expect(got.status).toBe('accepted');
  });

  it('a step dated today is accepted', async () => {
    const created = await create({ acceptedOn: '2024-02-01' });
    const today = await call('thads', 'cases.recordStatus', { caseId: created.id, status: 'auction', onDate: localDate() });
    expect(today.data.status).toBe('auction');
  });
});

describe('complexity flags with their reasons', () => {
  const flags = (c: { flags: { flag: string }[] }) => c.flags.map((f) => f.flag);

  it('a credit case over 20 tỷ is flagged with its amount; exactly 20.000.000.000 is not', async () => {
    const over = await create({ caseType: 'credit', amountDue: 20_000_000_001 });
    expect(over.flags).toEqual([{ flag: 'large_credit', detail: '20000000001' }]);
    const exact = await create({ caseType: 'credit', amountDue: 20_000_000_000 });
    expect(exact.flags).toEqual([]);
  });

  it('"thi hành xong" with money still due needs a confirmation and a reason; a step cannot come before one taken earlier', async () => {
    const refused = await call('thads', 'cases.recordStatus', { caseId: 'demo-case-01', status: 'completed', onDate: localDate() });
    expect(refused.error?.data.code).toBe('CONFLICT');
    expect(refused.error?.message).toContain('Vụ việc còn 22.250.000.000 đ phải thi hành');
    const withoutReason = await call('thads', 'cases.recordStatus', { caseId: 'demo-case-01', status: 'completed', onDate: localDate(), confirmOutstanding: true });
    expect(withoutReason.error?.data.code).toBe('CONFLICT');
    // The demo case was seized (kê biên) on 21/03/2023: a verification dated after it is out of order.
    const backwards = await call('thads', 'cases.recordStatus', { caseId: 'demo-case-01', status: 'verification', onDate: '2023-04-01' });
    expect(backwards.error?.data.code).toBe('BAD_REQUEST');
    expect(backwards.error?.message).toContain('Bước "Xác minh" không thể đứng trước hoặc sau bước "Kê biên" ngày 21/03/2023');
    expect((await call('thads', 'cases.recordStatus', { caseId: 'demo-case-01', status: 'coercion', onDate: '2023-04-01' })).status).toBe(200);
  });

  it('a case older than 3 years and not completed is flagged, and no longer once completed', async () => {
    const old = await create({ judgmentDate: '2019-10-01', acceptedOn: '2020-01-15' });
    expect(old.flags).toEqual([{ flag: 'older_than_3_years', detail: '2020-01-15' }]);
    const completed = await call('thads', 'cases.recordStatus', { caseId: old.id, status: 'completed', onDate: localDate(), confirmOutstanding: true, note: 'Đã thi hành xong theo biên bản' });
    expect(flags(completed.data)).toEqual([]);
    expect(flags((await query('thads', 'cases.get', { id: old.id })).data)).toEqual([]);
  });

  it('asset recovery, disputed assets, a hot spot and an unclear judgment are flagged', async () => {
    const c = await create({ caseType: 'asset_recovery', disputedAssets: true, hotSpot: true, judgmentUnclear: true });
    expect(flags(c)).toEqual(['asset_recovery', 'disputed_assets', 'hot_spot', 'judgment_unclear']);
  });

  it('the demo case shows its flags in the list', async () => {
    const demo = (await query('thads', 'cases.list')).data.find((c: { id: string }) => c.id === DEMO_IDS.case);
    expect(flags(demo)).toEqual(['large_credit', 'older_than_3_years', 'disputed_assets']);
  });
});

describe('importing a CSV register', () => {
  const HEADER = ['Số bản án', 'Ngày bản án', 'Tòa án', 'Loại việc', 'Người được thi hành án', 'Người phải thi hành án',
    'Số tiền phải thi hành', 'Số tiền đã thu', 'Phân loại', 'Ngày thụ lý', 'Trạng thái', 'Chấp hành viên', 'Tài sản tranh chấp', 'Điểm nóng', 'Ghi chú'];
  const FOLDED_HEADER = ['So ban an', 'Ngay ban an', 'Toa an', 'Loai viec', 'Nguoi duoc thi hanh an', 'Nguoi phai thi hanh an',
    'So tien phai thi hanh', 'So tien da thu', 'Phan loai', 'Ngay thu ly', 'Trang thai', 'Chap hanh vien', 'Tai san tranh chap', 'Diem nong', 'Ghi chu'];
  const row = (number: string, overrides: Partial<Record<string, string>> = {}) => {
    const cells: Record<string, string> = {
      number, judgmentDate: '12/05/2023', court: 'Tòa án nhân dân tỉnh Phú Thọ', type: 'Tín dụng', creditor: 'Ngân hàng TMCP Công Thương Việt Nam',
      debtor: 'Công ty TNHH Thương mại Hòa Bình', due: '2.500.000.000', collected: '500.000.000', classification: 'Có điều kiện',
      accepted: '3/8/2023', status: 'Kê biên', officer: 'Nguyễn Văn Hùng', disputed: 'x', hot: '', note: 'Tài sản thế chấp là nhà xưởng', ...overrides,
    };
    return Object.values(cells);
  };
  const csv = (header: string[], rows: string[][], delimiter: string, eol = '\r\n') =>
    [header, ...rows].map((cells) => cells.map((c) => (c.includes(delimiter) || c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter)).join(eol) + eol;

  const imported = async (judgmentNumber: string) => {
    const found = (await query('thads', 'cases.list')).data.find((c: { judgmentNumber: string }) => c.judgmentNumber === judgmentNumber);
    expect(found, judgmentNumber).toBeDefined();
    return (await query('thads', 'cases.get', { id: found.id })).data;
  };

  it('a comma-separated file with BOM and Vietnamese headers imports every row, with money, dates and status history', async () => {
    const file = '\uFEFF' + csv(HEADER, [
      row('01/2023/KDTM-ST'),
      row('02/2023/HS-PT', { type: 'Thu hồi tài sản', due: '1,200,000,000', collected: '', classification: 'Chưa có điều kiện', status: 'Thụ lý', disputed: 'không', hot: 'có', note: 'Vụ việc điểm nóng, nhiều người khiếu nại' }),
      row('03/2023/DS-ST', { type: 'Dân sự', due: '45.000.000 đ', collected: '45.000.000', status: 'Thi hành xong', disputed: '' }),
    ], ',');
    const before = await count('cases');
    const result = await call('thads', 'cases.import', { csv: file });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ imported: 3, errors: [] });
    expect(await count('cases')).toBe(before + 3);

    const first = await imported('01/2023/KDTM-ST');
    expect(first).toMatchObject({
      judgmentDate: '2023-05-12', acceptedOn: '2023-08-03', caseType: 'credit', amountDue: 2_500_000_000, amountCollected: 500_000_000,
      classification: 'enforceable', status: 'seizure', disputedAssets: true, hotSpot: false, officerName: 'Nguyễn Văn Hùng',
      officeAgencyId: 'agency-thads', summary: 'Tài sản thế chấp là nhà xưởng',
    });
    expect(first.history.map((h: { status: string; onDate: string }) => [h.status, h.onDate])).toEqual([['accepted', '2023-08-03'], ['seizure', '2023-08-03']]);

    const second = await imported('02/2023/HS-PT');
    expect(second).toMatchObject({ caseType: 'asset_recovery', amountDue: 1_200_000_000, amountCollected: 0, classification: 'not_yet_enforceable', status: 'accepted', hotSpot: true, disputedAssets: false });
    expect(second.history).toHaveLength(1);

    const third = await imported('03/2023/DS-ST');
    expect(third).toMatchObject({ amountDue: 45_000_000, status: 'completed' });
    expect(third.history.map((h: { status: string }) => h.status)).toEqual(['accepted', 'completed']);
  });

  it('a semicolon-separated file with headers without diacritics imports every row', async () => {
    const file = csv(FOLDED_HEADER, [
      row('11/2022/KDTM-PT', { due: '21.000.000.000', type: 'tin dung', classification: 'co dieu kien thi hanh', status: 'cuong che', judgmentDate: '12/11/2022', accepted: '01/02/2023' }),
      row('12/2022/DS-PT', { due: '2,500,000,000', type: 'Đất đai', status: '' }),
    ], ';', '\n');
    const result = await call('thads', 'cases.import', { csv: file });
    expect(result.data).toEqual({ imported: 2, errors: [] });
    const first = await imported('11/2022/KDTM-PT');
    expect(first).toMatchObject({ amountDue: 21_000_000_000, acceptedOn: '2023-02-01', status: 'coercion', caseType: 'credit' });
    expect(first.flags.map((f: { flag: string }) => f.flag)).toContain('large_credit');
    expect(await imported('12/2022/DS-PT')).toMatchObject({ amountDue: 2_500_000_000, caseType: 'land', status: 'accepted' });
  });

  const refused = async (file: string) => {
    const before = [await count('cases'), await count('case_status_history'), await count('case_agencies')];
    const result = await call('thads', 'cases.import', { csv: file });
    expect(result.status).toBe(200);
    expect(result.data.imported).toBe(0);
    expect([await count('cases'), await count('case_status_history'), await count('case_agencies')]).toEqual(before);
    return result.data.errors as { row: number; field: string; message: string }[];
  };

  it('a file with a missing column or an unknown one imports nothing and names the columns', async () => {
    const withoutAccepted = HEADER.filter((h) => h !== 'Ngày thụ lý');
    const missing = await refused(csv(withoutAccepted, [row('21/2023/DS-ST').filter((_, i) => i !== HEADER.indexOf('Ngày thụ lý'))], ','));
    expect(missing).toEqual([{ row: 1, field: 'acceptedOn', message: 'thiếu cột' }]);

    const unknown = await refused(csv([...HEADER, 'Cột lạ'], [[...row('22/2023/DS-ST'), 'gì đó']], ','));
    expect(unknown).toEqual([{ row: 1, field: 'Cột lạ', message: 'cột không nhận ra' }]);
  });

  it('bad numbers and impossible dates import nothing, with an error naming each row and field', async () => {
    const errors = await refused(csv(HEADER, [
      row('31/2023/DS-ST'),
      row('32/2023/DS-ST', { due: '2,5 tỷ' }),
      row('33/2023/DS-ST', { collected: '1.000,5' }),
      row('34/2023/DS-ST', { judgmentDate: '31/02/2023' }),
      row('35/2023/DS-ST', { accepted: '2023/08/03' }),
      row('36/2023/DS-ST', { due: '100.000.000', collected: '200.000.000' }),
    ], ','));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'amountDue'], [4, 'amountCollected'], [5, 'judgmentDate'], [6, 'acceptedOn'], [7, 'amountCollected'],
    ]);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
    expect(errors[0].message).toContain('2,5 tỷ');
  });

  it('duplicate judgment numbers, within the file or already in the register, import nothing', async () => {
    const errors = await refused(csv(HEADER, [
      row('41/2023/DS-ST'),
      row('42/2023/DS-ST'),
      row('41/2023/DS-ST'),
      row('15/2022/KDTM-PT'),
    ], ','));
    expect(errors).toEqual([
      { row: 4, field: 'judgmentNumber', message: expect.stringContaining('dòng 2') },
      { row: 5, field: 'judgmentNumber', message: expect.stringContaining('15/2022/KDTM-PT') },
    ]);
  });

  it('an empty or unreadable file imports nothing', async () => {
    expect((await refused('\uFEFF\r\n')).length).toBeGreaterThan(0);
    expect((await refused(`${HEADER.join(',')}\n"unterminated,quote\n`)).length).toBeGreaterThan(0);
  });

  it('a user who may not create cases may not import', async () => {
    const result = await call('congan', 'cases.import', { csv: csv(HEADER, [row('51/2023/DS-ST')], ',') });
    expect(result.error?.data.code).toBe('FORBIDDEN');
  });
});

describe('meetings about a case', () => {
  it('get lists the meetings whose agenda discussed the case, with their conclusions', async () => {
    const created = await create({ involvedAgencyIds: ['agency-tand'] });
    const day = addDays(localDate(), 20);
    const meeting = await call('thads', 'meetings.create', {
      kind: 'joint', title: 'Họp liên ngành về tài sản kê biên', startsAt: `${day}T08:00:00+07:00`, endsAt: `${day}T10:00:00+07:00`,
      invitedAgencyIds: ['agency-tand'], inviteeUserIds: ['user-toaan'],
      agenda: [{ title: 'Khai mạc', caseId: null }, { title: 'Xử lý tài sản của vụ việc', caseId: created.id }],
    });
    expect(meeting.error).toBeUndefined();
    const meetingId = meeting.data.meeting.id;
    const details = (await query('thads', 'meetings.get', { id: meetingId })).data;
    const agendaItem = details.agenda.find((a: { caseId: string | null }) => a.caseId === created.id);
    const conclusion = await call('thads', 'meetings.addConclusion', {
      meetingId, agendaItemId: agendaItem.id, text: 'Đề nghị Tòa án giải thích phần tuyên về tài sản thế chấp.',
    });
    expect(conclusion.status).toBe(200);
    await call('thads', 'meetings.addConclusion', { meetingId, agendaItemId: null, text: 'Kết luận chung không gắn vụ việc.' });

    const got = (await query('toaan', 'cases.get', { id: created.id })).data;
    expect(got.meetings).toEqual([{
      meetingId, title: 'Họp liên ngành về tài sản kê biên', startsAt: new Date(`${day}T08:00:00+07:00`).toISOString(), endsAt: new Date(`${day}T10:00:00+07:00`).toISOString(), status: 'scheduled',
      agendaTitle: 'Xử lý tài sản của vụ việc',
      conclusions: [{ id: conclusion.data.id, text: 'Đề nghị Tòa án giải thích phần tuyên về tài sản thế chấp.' }],
    }]);
  });

  it('the demo case lists the demo meeting', async () => {
    const got = (await query('thads', 'cases.get', { id: DEMO_IDS.case })).data;
    expect(got.meetings).toEqual([expect.objectContaining({ meetingId: DEMO_IDS.meeting, conclusions: [] })]);
  });
});
