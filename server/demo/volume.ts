/**
 * A province's register over five statistical years (01/10/2020 – 30/09/2025), for benchmarks and
 * for trying the statistics on realistic volume: regional offices under the province office, their
 * enforcement officers, case types and amounts in proportions like the published reports, dated
 * status histories, classification changes and money events. Deterministic for a given seed.
 */
import type { InStatement } from '@libsql/client';
import { one, type Db } from '../db/client.ts';
import { DEMO_AGENCY_IDS } from './seed.ts';
import { drainSearchQueue } from '../domain/search/index.ts';
import { storedDocuments } from '../collab/storage.ts';

/** Deterministic numbers (mulberry32), so that every run fills the same register. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quốc', 'Thu', 'Ngọc', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phúc', 'Quang', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến'];
const COMPANIES = ['Công ty TNHH Thương mại Đất Việt', 'Công ty cổ phần Xây dựng Sông Lô', 'Công ty TNHH Vận tải Hùng Vương', 'Hợp tác xã Nông nghiệp Thanh Sơn',
  'Công ty cổ phần Gỗ Phú Thọ', 'Doanh nghiệp tư nhân Minh Phát', 'Công ty TNHH Dệt may Việt Trì', 'Công ty cổ phần Chè Hạ Hòa'];
const BANKS = ['Ngân hàng TMCP Công thương Việt Nam - Chi nhánh Phú Thọ', 'Ngân hàng Nông nghiệp và Phát triển nông thôn - Chi nhánh Phú Thọ',
  'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Phú Thọ', 'Ngân hàng TMCP Quân đội - Chi nhánh Việt Trì'];
const PLACES = ['Việt Trì', 'Phú Thọ', 'Lâm Thao', 'Phù Ninh', 'Thanh Ba', 'Hạ Hòa', 'Cẩm Khê', 'Tam Nông', 'Thanh Sơn', 'Tân Sơn', 'Yên Lập', 'Đoan Hùng'];
const TYPES: [type: string, share: number, code: string, minDong: number, maxDong: number][] = [
  ['civil', 0.55, 'DS', 2_000_000, 800_000_000],
  ['credit', 0.2, 'KDTM', 50_000_000, 60_000_000_000],
  ['administrative', 0.1, 'HC', 1_000_000, 200_000_000],
  ['land', 0.1, 'DS', 20_000_000, 3_000_000_000],
  ['asset_recovery', 0.05, 'HS', 10_000_000, 20_000_000_000],
];
const MIDDLE_STEPS = ['decision_issued', 'verification', 'seizure', 'coercion', 'auction'];

const START = Date.UTC(2020, 9, 1);
const END = Date.UTC(2025, 8, 30);
const LAST_EVENT = Date.UTC(2025, 10, 1);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface VolumeOptions { cases: number; seed?: number; offices?: number; officersPerOffice?: number }

/**
 * Adds the volume register under the demo province office (the demo must be seeded first, for its
 * agencies and accounts), then indexes it for search. Returns counts and timings.
 */
export async function seedVolume(db: Db, options: VolumeOptions) {
  const started = performance.now();
  const rand = random(options.seed ?? 20251001);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const province = DEMO_AGENCY_IDS.thads;
  if (!(await one(db, 'SELECT 1 FROM agencies WHERE id = ?', [province]))) throw new Error('seed the demo data first (the province office)');
  const now = new Date().toISOString();
  const offices = Array.from({ length: options.offices ?? 8 }, (_, i) => `vol-kv-${i + 1}`);
  const setup: InStatement[] = offices.map((id, i) => ({
    sql: `INSERT OR IGNORE INTO agencies (id, name_vi, name_en, short_name, kind, level, parent_id, valid_from, created_at)
          VALUES (?, ?, ?, ?, 'thads', 'regional', ?, '2020-01-01', ?)`,
    args: [id, `Phòng Thi hành án dân sự khu vực ${i + 2} - Phú Thọ (${PLACES[i % PLACES.length]})`, `Regional Civil Judgment Enforcement Office No. ${i + 2}, Phú Thọ`,
      `Phòng THADS KV${i + 2}`, province, now],
  }));
  await db.batch(setup);
  const officers = offices.map(() => Array.from({ length: options.officersPerOffice ?? 8 }, () => `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`));

  const base = Number((await one<{ n: number }>(db, 'SELECT count(*) AS n FROM cases'))!.n);
  let historyRows = 0;
  let moneyRows = 0;
  const BATCH = 1000;
  for (let offset = 0; offset < options.cases; offset += BATCH) {
    const caseValues: unknown[] = [];
    const historyValues: unknown[] = [];
    const classValues: unknown[] = [];
    const moneyValues: unknown[] = [];
    const count = Math.min(BATCH, options.cases - offset);
    for (let k = 0; k < count; k++) {
      const n = base + offset + k + 1;
      const id = `vol-${n}`;
      let r = rand();
      const [type, , code, min, max] = TYPES.find(([, share]) => (r -= share) < 0) ?? TYPES[0];
      // Amounts spread over orders of magnitude (log-uniform), rounded to 1 000 đồng.
      const amount = Math.round(Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min))) / 1000) * 1000;
      const acceptedMs = START + Math.floor(rand() * ((END - START) / DAY)) * DAY;
      const accepted = iso(acceptedMs);
      const officeIndex = Math.floor(rand() * offices.length);
      const officer = pick(officers[officeIndex]);
      const person = () => `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
      const creditor = type === 'credit' ? pick(BANKS) : type === 'asset_recovery' ? 'Nhà nước (thu hồi tài sản)' : rand() < 0.3 ? pick(COMPANIES) : `${rand() < 0.5 ? 'Ông' : 'Bà'} ${person()}`;
      const debtor = rand() < 0.25 ? pick(COMPANIES) : `${rand() < 0.6 ? 'Ông' : 'Bà'} ${person()}`;
      const enforceableAtStart = rand() < 0.72;
      // Statuses: accepted, a decision within days, verification, then an outcome.
      const statuses: [number, string][] = [[acceptedMs, 'accepted']];
      let t = acceptedMs + (2 + Math.floor(rand() * 12)) * DAY;
      statuses.push([t, 'decision_issued']);
      t += (10 + Math.floor(rand() * 60)) * DAY;
      statuses.push([t, 'verification']);
      let classification = enforceableAtStart ? 'enforceable' : 'not_yet_enforceable';
      if (!enforceableAtStart && rand() < 0.25) {
        const reclassifiedMs = t + Math.floor(rand() * 500) * DAY;
        if (reclassifiedMs < LAST_EVENT) {
          classValues.push(id, 'enforceable', iso(reclassifiedMs), now);
          classification = 'enforceable';
        }
      }
      const money: [number, string, number][] = [];
      if (classification === 'enforceable') {
        const outcome = rand();
        const finishMs = t + Math.floor(30 + rand() * 700) * DAY;
        if (outcome < 0.62 && finishMs < LAST_EVENT) {
          const parts = 1 + Math.floor(rand() * 3);
          let left = amount;
          for (let p = 1; p <= parts; p++) {
            const part = p === parts ? left : Math.round((left * (0.3 + rand() * 0.4)) / 1000) * 1000;
            if (part > 0) money.push([finishMs - (parts - p) * 20 * DAY, 'collected', part]);
            left -= part;
          }
          if (rand() < 0.3) statuses.push([finishMs - 25 * DAY, pick(MIDDLE_STEPS.slice(2))]);
          statuses.push([finishMs, 'completed']);
        } else if (outcome < 0.7 && finishMs < LAST_EVENT) {
          money.push([finishMs, 'terminated', amount]);
          statuses.push([finishMs, 'terminated']);
        } else if (outcome < 0.77 && finishMs < LAST_EVENT) {
          statuses.push([finishMs, 'postponed']);
        } else {
          const stepMs = t + Math.floor(rand() * 300) * DAY;
          if (stepMs < LAST_EVENT) statuses.push([stepMs, pick(MIDDLE_STEPS.slice(1))]);
          if (rand() < 0.35 && stepMs < LAST_EVENT) money.push([stepMs, 'collected', Math.round((amount * rand() * 0.5) / 1000) * 1000]);
          if (rand() < 0.05 && stepMs + 30 * DAY < LAST_EVENT) money.push([stepMs + 30 * DAY, 'reduced', Math.round((amount * 0.1) / 1000) * 1000]);
        }
      }
      const inRange = statuses.filter(([ms]) => ms < LAST_EVENT);
      const [lastMs, lastStatus] = inRange[inRange.length - 1];
      caseValues.push(id, `${n}/${accepted.slice(0, 4)}/${code}-ST`, iso(acceptedMs - (30 + Math.floor(rand() * 200)) * DAY),
        `Tòa án nhân dân ${rand() < 0.3 ? 'tỉnh Phú Thọ' : `khu vực ${officeIndex + 2} - Phú Thọ`}`, offices[officeIndex], type, creditor, debtor,
        amount, enforceableAtStart ? 'enforceable' : 'not_yet_enforceable', lastStatus, accepted, officer, iso(lastMs),
        type === 'credit' && amount > 20_000_000_000 ? 1 : 0, rand() < 0.01 ? 1 : 0, rand() < 0.02 ? 1 : 0,
        type === 'land' ? `Giao quyền sử dụng đất đai tại ${pick(PLACES)}` : '', now);
      for (const [ms, status] of inRange) historyValues.push(id, status, iso(ms), now);
      for (const [ms, kind, value] of money) if (value > 0 && ms < LAST_EVENT) moneyValues.push(id, iso(ms), kind, value, now);
    }
    const rows = (values: unknown[], width: number, tuple: string) => Array.from({ length: values.length / width }, () => tuple).join(', ');
    historyRows += historyValues.length / 4;
    moneyRows += moneyValues.length / 5;
    const statements: InStatement[] = [
      {
        sql: `INSERT INTO cases (id, judgment_number, judgment_date, court_name, office_agency_id, case_type, creditor, debtor, amount_due, classification,
                status, accepted_on, officer_name, status_on, disputed_assets, hot_spot, judgment_unclear, summary, created_at)
              VALUES ${rows(caseValues, 19, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')}`,
        args: caseValues as never,
      },
      { sql: `INSERT INTO case_status_history (case_id, status, on_date, recorded_at) VALUES ${rows(historyValues, 4, '(?, ?, ?, ?)')}`, args: historyValues as never },
    ];
    if (classValues.length) statements.push({ sql: `INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at) VALUES ${rows(classValues, 4, '(?, ?, ?, ?)')}`, args: classValues as never });
    if (moneyValues.length) statements.push({ sql: `INSERT INTO case_money_events (case_id, on_date, kind, amount, recorded_at) VALUES ${rows(moneyValues, 5, '(?, ?, ?, ?, ?)')}`, args: moneyValues as never });
    await db.batch(statements);
  }
  const registerMs = performance.now() - started;
  const indexed = await drainSearchQueue(db, storedDocuments(db), 5000);
  await db.execute('ANALYZE');
  return { cases: options.cases, historyRows, moneyRows, offices: offices.length, registerMs: Math.round(registerMs), indexed, totalMs: Math.round(performance.now() - started) };
}
