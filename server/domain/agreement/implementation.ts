/**
 * What a signed agreement has changed: each article with the duties it assigned and their status,
 * the meeting conclusions that followed up with the same agencies since signing, and the case
 * figures of the enforcement offices among the parties before and since the signing date.
 */
import { all, type Db } from '../../db/client.ts';
import type { LiveDocuments } from '../live-documents.ts';
import { listActionItemsOfAgreement, type ActionItemSummary } from '../action-item/index.ts';
import { computeFigures } from '../statistics/figures.ts';
import { getVersion } from './versions.ts';
import type { AgreementSummary } from './index.ts';
import { numberDocument, type LegalNodeJSON } from '../../../shared/legal/numbering.ts';
import { legalDocOf } from '../../../shared/legal/ydoc.ts';
import { docName } from '../../../shared/collab.ts';
import { localDate } from '../../../shared/format.ts';
import type { Figures } from '../../../shared/statistics.ts';

export interface FollowUp { meetingId: string; meetingTitle: string; startsAt: string; conclusion: string; agencyId: string; task: string; dueDate: string; status: string }

function dayBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The signed text when there is one (what the parties agreed to), else the live text. */
async function agreedText(db: Db, live: LiveDocuments, agreement: AgreementSummary): Promise<LegalNodeJSON> {
  if (agreement.signingVersionId) return (await getVersion(db, agreement.id, agreement.signingVersionId)).content;
  return live.read(docName('agreement', agreement.id), (text) => legalDocOf(text).toJSON() as LegalNodeJSON);
}

export async function implementationView(db: Db, live: LiveDocuments, agreement: AgreementSummary) {
  const signedOn = agreement.inForceAt ? localDate(agreement.inForceAt) : agreement.effectiveDate;
  const numbering = numberDocument(await agreedText(db, live, agreement));
  const duties = await listActionItemsOfAgreement(db, agreement.id);
  const articleOf = (duty: ActionItemSummary): string | null => {
    const unit = duty.anchorUnitId ? numbering.byId.get(duty.anchorUnitId) : undefined;
    return unit ? (unit.kind === 'article' ? unit.id : unit.articleId) : null;
  };

  // Conclusions of meetings chaired by a party since signing that gave work to a party.
  const parties = [...new Set([agreement.leadAgencyId, ...agreement.partyAgencyIds])];
  const marks = parties.map(() => '?').join(', ');
  const followUps = signedOn ? (await all(db, `
    SELECT m.id AS meeting_id, m.title, m.starts_at, c.text, i.agency_id, i.title AS task, i.due_date, i.status
      FROM meeting_conclusions c
      JOIN meetings m ON m.id = c.meeting_id
      JOIN action_items i ON i.conclusion_id = c.id
     WHERE m.starts_at >= ? AND m.status != 'cancelled' AND m.chair_agency_id IN (${marks}) AND i.agency_id IN (${marks})
     ORDER BY m.starts_at, c.created_at`, [new Date(`${signedOn}T00:00:00+07:00`).toISOString(), ...parties, ...parties]))
    .map((r): FollowUp => ({
      meetingId: String(r.meeting_id), meetingTitle: String(r.title), startsAt: String(r.starts_at), conclusion: String(r.text),
      agencyId: String(r.agency_id), task: String(r.task), dueDate: String(r.due_date), status: String(r.status),
    })) : [];

  const articles = numbering.nodes.filter((node) => node.kind === 'article').map((article) => {
    const own = duties.filter((duty) => articleOf(duty) === article.id);
    const agencies = new Set(own.map((duty) => duty.agencyId));
    return {
      id: article.id, number: article.number, title: article.text,
      duties: own,
      followUps: followUps.filter((f) => agencies.has(f.agencyId)),
    };
  });

  // Enforcement offices among the parties; the same span of time before and since signing.
  const offices = (await all<{ id: string; short_name: string }>(db,
    `SELECT id, short_name FROM agencies WHERE kind = 'thads' AND id IN (${marks}) ORDER BY short_name`, parties));
  const today = localDate();
  const figures: { agencyId: string; agencyShortName: string; before: Figures; since: Figures; beforePeriod: { from: string; to: string }; sincePeriod: { from: string; to: string } }[] = [];
  if (signedOn && signedOn <= today) {
    const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(signedOn)) / 86_400_000));
    const since = { from: signedOn, to: today };
    const before = { from: dayBefore(signedOn, span), to: dayBefore(signedOn, 1) };
    for (const office of offices) {
      const unit = { kind: 'agency' as const, agencyId: office.id };
      figures.push({
        agencyId: office.id, agencyShortName: office.short_name,
        before: await computeFigures(db, before, unit), since: await computeFigures(db, since, unit),
        beforePeriod: before, sincePeriod: since,
      });
    }
  }

  return {
    signedOn,
    articles,
    unanchoredDuties: duties.filter((duty) => articleOf(duty) === null),
    followUps,
    figures,
  };
}
