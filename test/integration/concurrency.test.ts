/**
 * Commands under concurrency, on a real server and a real libsql file: opposite steps sent at the
 * same moment, many times over, while another live document receives edits all along. Each command
 * is decided inside its own transaction on the state the one before it left, so exactly one of two
 * conflicting steps applies and what is stored is always a state the rules allow.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startCollabTestServer, trpc, type CollabTestServer } from '../helpers.ts';
import { meetingUnderWay } from '../factories.ts';
import { connectClient, synced, waitFor, type TestClient } from '../collab/client.ts';
import { loadStoredDoc } from '../../server/collab/storage.ts';
import { all } from '../../server/db/client.ts';
import { docName } from '../../shared/collab.ts';
import { minutesBlocks } from '../../shared/minutes.ts';
import { localDate } from '../../shared/format.ts';
import { DEMO_AGENCY_IDS, DEMO_IDS } from '../../server/demo/seed.ts';

const ROUNDS = 8;
let server: CollabTestServer;
const cookies: Record<string, string> = {};
const clients: TestClient[] = [];
let background: NodeJS.Timeout;
let backgroundEdits = 0;

const call = (who: string, path: string, input: unknown) => trpc(server.url, cookies[who], path, input, 'mutation');
const read = (who: string, path: string, input: unknown) => trpc(server.url, cookies[who], path, input);

beforeAll(async () => {
  server = await startCollabTestServer();
  for (const who of ['thads', 'toaan', 'vks']) cookies[who] = await signIn(server.url, `${who}@demo.concord.vn`);
  // Another live document is edited the whole time: the demo meeting's minutes, by the court.
  const typist = connectClient(server.collabUrl, docName('minutes', DEMO_IDS.meeting), cookies.toaan);
  clients.push(typist);
  await synced(typist);
  background = setInterval(() => {
    typist.doc.getText('scratch').insert(0, `${backgroundEdits++};`);
  }, 5);
});
afterAll(async () => {
  clearInterval(background);
  for (const client of clients) client.destroy();
  await server.close();
});

/** A new agreement between THADS (lead) and TAND, put to signature with today's effective date. */
async function inSigning(): Promise<string> {
  const created = await call('thads', 'agreements.create', { title: `Quy chế thử ${Math.random()}`, docNumber: '', partyAgencyIds: [DEMO_AGENCY_IDS.tand] });
  const id = created.data.id as string;
  expect((await call('thads', 'agreements.transition', { agreementId: id, to: 'final' })).status).toBe(200);
  expect((await call('thads', 'agreements.transition', { agreementId: id, to: 'signing', effectiveDate: localDate() })).status).toBe(200);
  return id;
}

const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe('two opposite steps at the same moment', () => {
  it('sign ∥ reopen: either the last signature brings the text into force and reopening is refused, or it is reopened and the signature is refused; never a valid signature on a draft', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const id = await inSigning();
      const life = (await read('thads', 'agreements.lifecycle', { agreementId: id })).data;
      expect((await call('thads', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: life.signingHash })).status).toBe(200);
      const [sign, reopen] = await Promise.all([
        call('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: life.signingHash }),
        call('thads', 'agreements.transition', { agreementId: id, to: 'draft', reason: 'Sửa lại Điều 3' }),
      ]);
      expect(statuses([sign, reopen])).toEqual([200, 409]);
      const after = (await read('thads', 'agreements.lifecycle', { agreementId: id })).data;
      const valid = (after.signatures as { voidAt: string | null }[]).filter((s) => s.voidAt === null);
      if (sign.status === 200) {
        expect(after.status).toBe('in_force');
        expect(valid).toHaveLength(2);
        expect((await read('thads', 'agreements.verify', { agreementId: id })).data.matches).toBe(true);
      } else {
        expect(after.status).toBe('draft');
        expect(valid).toHaveLength(0);
      }
      outcomes.add(after.status);
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it('final → signing ∥ final → draft, each sent with the status it saw: exactly one applies, the other is CONFLICT with the status now', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const created = await call('thads', 'agreements.create', { title: `Quy chế thử ${Math.random()}`, docNumber: '', partyAgencyIds: [DEMO_AGENCY_IDS.tand] });
      const id = created.data.id as string;
      await call('thads', 'agreements.transition', { agreementId: id, to: 'final' });
      const [toSigning, toDraft] = await Promise.all([
        call('thads', 'agreements.transition', { agreementId: id, to: 'signing', effectiveDate: localDate(), expectedStatus: 'final' }),
        call('thads', 'agreements.transition', { agreementId: id, to: 'draft', expectedStatus: 'final' }),
      ]);
      expect(statuses([toSigning, toDraft])).toEqual([200, 409]);
      const loser = toSigning.status === 409 ? toSigning : toDraft;
      expect(loser.error?.message).toMatch(/^Trạng thái vừa được người khác thay đổi: hiện là "(Đang ký kết|Dự thảo)"/);
      const status = (await read('thads', 'agreements.lifecycle', { agreementId: id })).data.status;
      expect(status).toBe(toSigning.status === 200 ? 'signing' : 'draft');
      // A signing round froze a version exactly when the step to signing won.
      const versions = await all(server.testDb.db, `SELECT id FROM agreement_versions WHERE agreement_id = ? AND name LIKE 'Bản trình ký lần %'`, [id]);
      expect(versions).toHaveLength(toSigning.status === 200 ? 1 : 0);
    }
  });

  it('accept ∥ reopen of work reported done: exactly one applies, and the history has one step after the report', async () => {
    const item = 'demo-item-tand';
    for (let round = 0; round < ROUNDS; round++) {
      const now = (await read('toaan', 'actionItems.get', { id: item })).data.status as string;
      if (now !== 'in_progress' && now !== 'reopened') expect((await call('toaan', 'actionItems.setStatus', { id: item, to: 'in_progress' })).status).toBe(200);
      expect((await call('toaan', 'actionItems.setStatus', { id: item, to: 'reported_done' })).status).toBe(200);
      const [accept, reopen] = await Promise.all([
        call('thads', 'actionItems.setStatus', { id: item, to: 'accepted', expectedStatus: 'reported_done' }),
        call('thads', 'actionItems.setStatus', { id: item, to: 'reopened', note: 'Bổ sung số liệu', expectedStatus: 'reported_done' }),
      ]);
      expect(statuses([accept, reopen])).toEqual([200, 409]);
      const detail = (await read('thads', 'actionItems.get', { id: item })).data;
      expect(detail.status).toBe(accept.status === 200 ? 'accepted' : 'reopened');
      const steps = (detail.events as { toStatus: string }[]).map((e) => e.toStatus);
      expect(steps.at(-1)).toBe(detail.status);
      expect(steps.at(-2)).toBe('reported_done');
      if (detail.status === 'accepted') break; // an accepted item takes no further steps
    }
  });

  it('amend ∥ amend of an agreement in force: one amendment, the other is CONFLICT', async () => {
    const id = await inSigning();
    const life = (await read('thads', 'agreements.lifecycle', { agreementId: id })).data;
    await call('thads', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.thads, textHash: life.signingHash });
    await call('toaan', 'agreements.sign', { agreementId: id, agencyId: DEMO_AGENCY_IDS.tand, textHash: life.signingHash });
    const answers = await Promise.all([1, 2, 3].map(() => call('thads', 'agreements.amend', { agreementId: id })));
    expect(statuses(answers)).toEqual([200, 409, 409]);
    expect(await all(server.testDb.db, 'SELECT id FROM agreements WHERE amends_agreement_id = ?', [id])).toHaveLength(1);
  });
});

describe('a freeze and the edits around it', () => {
  it('approving the minutes while an editor types: the approved text is exactly the stored text, before and after', async () => {
    for (let round = 0; round < 3; round++) {
      const day = new Date(Date.now() + (3 + round) * 86_400_000).toISOString().slice(0, 10);
      const created = await call('thads', 'meetings.create', {
        kind: 'joint', title: `Họp thử ${round}`, startsAt: `${day}T01:00:00.000Z`, endsAt: `${day}T03:00:00.000Z`,
        invitedAgencyIds: [DEMO_AGENCY_IDS.tand], inviteeUserIds: [], agenda: [{ title: 'Nội dung', caseId: null }],
      });
      const meetingId = created.data.meeting.id as string;
      const name = docName('minutes', meetingId);
      const writer = connectClient(server.collabUrl, name, cookies.toaan);
      clients.push(writer);
      await synced(writer);
      const fragment = writer.doc.getXmlFragment('prosemirror');
      await waitFor(() => fragment.length > 0, 'the minutes template');
      const paragraph = () => fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph')!;
      let typed = 0;
      const typing = setInterval(() => paragraph().insert(0, [new Y.XmlText(`câu ${typed++}. `)]), 2);
      await waitFor(() => typed > 30, 'some typing');
      await meetingUnderWay(server.testDb.db, meetingId);
      const approved = await call('thads', 'meetings.approveMinutes', { id: meetingId, confirmUnconfirmed: true });
      expect(approved.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the editor keeps typing, now read-only
      clearInterval(typing);
      await server.collab.flushAll();
      const text = (await read('thads', 'meetings.get', { id: meetingId })).data.approval.minutes as string;
      const stored = await loadStoredDoc(server.testDb.db, name);
      expect(JSON.stringify(minutesBlocks(stored))).toBe(text);
      expect(text).toContain('câu 0.');
      stored.destroy();
    }
    expect(backgroundEdits).toBeGreaterThan(100);
  });
});
