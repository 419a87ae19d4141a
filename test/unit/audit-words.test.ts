/** Every action the server records has words; the audit log reads as Vietnamese, times in Viet Nam. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionWords, auditFields, auditTime } from '../../shared/audit-words.ts';

/** Every (entity, action) that a recordAudit call or an INSERT INTO audit_log in server/ can write. */
function recordedActions(): { file: string; entity: string | null; action: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk('server');
  const found: { file: string; entity: string | null; action: string }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/recordAudit\(/g)) {
      if (file.endsWith(join('audit', 'index.ts'))) continue;
      const call = text.slice(match.index, text.indexOf(');', match.index) + 2);
      const entity = /entity:\s*'([a-z_]+)'/.exec(call)?.[1] ?? null;
      const actionExpr = /action:\s*([^,}\n]+)/.exec(call)?.[1];
      expect(actionExpr, `${file}: a recordAudit call without an action`).toBeDefined();
      // A conditional action (`x ? 'a' : 'b'`): the names are its branches, not its condition.
      const branches = actionExpr!.includes('?') ? actionExpr!.slice(actionExpr!.indexOf('?')) : actionExpr!;
      const names = [...branches.matchAll(/'([a-z_.]+)'/g)].map((m) => m[1]);
      expect(names.length, `${file}: the action "${actionExpr}" is not written as string literals`).toBeGreaterThan(0);
      for (const action of names) found.push({ file, entity, action });
    }
    for (const match of text.matchAll(/INSERT INTO audit_log \([^)]*\) VALUES \([^']*'([a-z_]+)', '[^']*', '([a-z_.]+)'/g)) {
      found.push({ file, entity: match[1], action: match[2] });
    }
  }
  return found;
}

describe('audit words', () => {
  const actions = recordedActions();

  it('finds the actions the code records (sign-in, signing, conclusions, case steps…)', () => {
    const names = new Set(actions.map((a) => a.action));
    for (const name of ['sign_in', 'sign', 'edit_conclusion', 'status', 'step_correct', 'approve_minutes']) expect(names).toContain(name);
    expect(actions.length).toBeGreaterThan(40);
  });

  it('every recorded action has Vietnamese words', () => {
    const missing = actions.filter((a) => !auditActionWords(a.entity, a.action)).map((a) => `${a.file}: ${a.entity}.${a.action}`);
    expect(missing).toEqual([]);
  });

  it('names the ones people look for', () => {
    expect(auditActionWords('session', 'sign_in')).toBe('Đăng nhập');
    expect(auditActionWords('agreement', 'sign')).toBe('Ký văn bản');
    expect(auditActionWords('meeting', 'edit_conclusion')).toBe('Sửa kết luận');
    expect(auditActionWords('case', 'create')).toBe('Thêm vụ việc');
    expect(auditActionWords('case', 'no_such_action')).toBeUndefined();
  });

  it('times are dd/mm/yyyy HH:mm in Viet Nam, details are labelled fields', () => {
    expect(auditTime('2026-12-02T18:30:00.000Z')).toBe('03/12/2026 01:30');
    expect(auditFields({ status: 'coercion', onDate: '2026-11-30', money: { kind: 'collected', amount: 2_500_000_000 }, disabled: false })).toEqual([
      { label: 'Trạng thái', value: 'coercion' }, { label: 'Ngày', value: '30/11/2026' }, { label: 'Số tiền', value: '2.500.000.000 đ' }, { label: 'Khóa tài khoản', value: 'Không' },
    ]);
  });
});
