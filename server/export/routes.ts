/**
 * /export/*: files for other tools (calendars, Word, PDF). Each answers like the API: 401 without a
 * session (the calendar feed's secret token aside), 403 to who may not see the thing, 404 for an
 * unknown one.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { refuse } from '../http/refusals.ts';
import { can } from '../policy/index.ts';
import { getMeeting } from '../domain/meeting/index.ts';
import { attachmentUrl, dossierOf } from '../domain/meeting/notices.ts';
import { calendarOwner, meetingCalendar, personalCalendar } from '../domain/calendar/index.ts';
import { getAgreement } from '../domain/agreement/index.ts';
import { getVersion } from '../domain/agreement/versions.ts';
import { DomainError } from '../domain/errors.ts';
import { docName } from '../../shared/collab.ts';
import { legalDocOf } from '../../shared/legal/ydoc.ts';
import type { LegalNodeJSON } from '../../shared/legal/numbering.ts';
import { message, type MessageKey } from '../../shared/messages.ts';
import { checkPeriod, type Unit } from '../../shared/statistics.ts';

// The Word, PDF and Excel writers are large and rarely used: loaded on the first export, not at start.
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "/meetings/abc.ics" → "abc"; null when the name does not end with the extension. */
function stem(file: string, extension: string): string | null {
  return file.endsWith(extension) && file.length > extension.length ? file.slice(0, -extension.length) : null;
}

function baseUrl(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `?version=<n>` of the minutes: null (the latest) when absent, undefined when it is not a version number. */
function minutesVersionParam(c: Context<AppEnv>): number | null | undefined {
  const raw = c.req.query('version');
  if (raw === undefined || raw === '') return null;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

/** A record or version that does not exist (a DomainError NOT_FOUND) answers 404. */
async function notFoundAs404<T>(c: Context<AppEnv>, make: () => Promise<T>): Promise<T | Response> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return refuse(c, 404, 'notFound');
    throw error;
  }
}

export function exportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/calendar/:file', async (c) => {
    const token = stem(c.req.param('file'), '.ics');
    const owner = token ? await calendarOwner(c.var.deps.db, token) : undefined;
    if (!owner) return refuse(c, 404, 'notFound');
    c.header('Cache-Control', 'private, no-cache');
    return c.body(await personalCalendar(c.var.deps.db, owner, baseUrl(c)), 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  app.use('*', async (c, next) => {
    if (!c.var.user) return refuse(c, 401, 'unauthorized');
    await next();
  });

  const readableMeeting = async (c: Context<AppEnv>, id: string | null) => {
    const meeting = id ? await getMeeting(c.var.deps.db, id) : undefined;
    if (!meeting) return refuse(c, 404, 'notFound');
    if (!can(c.var.user, 'meeting.read', meeting)) return refuse(c, 403, 'forbidden');
    return meeting;
  };

  app.get('/meetings/:file', async (c) => {
    const meeting = await readableMeeting(c, stem(c.req.param('file'), '.ics'));
    if (meeting instanceof Response) return meeting;
    // The dossier goes in the event's description as links (the reader's session opens them).
    const dossier = (await dossierOf(c.var.deps.db, meeting.id)).map((file) => ({ name: file.name, url: attachmentUrl(baseUrl(c), file.id) }));
    return c.body(await meetingCalendar(c.var.deps.db, meeting, baseUrl(c), dossier), 200, {
      'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': attachment(`${meeting.title}.ics`),
    });
  });

  app.get('/meetings/:id/minutes.docx', async (c) => {
    const meeting = await readableMeeting(c, c.req.param('id'));
    if (meeting instanceof Response) return meeting;
    if (meeting.status !== 'approved') return refuse(c, 409, 'minutesNotApproved');
    const version = minutesVersionParam(c);
    if (version === undefined) return refuse(c, 404, 'notFound');
    const { minutesDocx } = await import('./minutes-docx.ts');
    const file = await notFoundAs404(c, () => minutesDocx(c.var.deps.db, meeting, version));
    if (file instanceof Response) return file;
    return c.body(new Uint8Array(file), 200, { 'Content-Type': DOCX, 'Content-Disposition': attachment(`Bien ban - ${meeting.title}.docx`) });
  });

  app.get('/meetings/:id/minutes.pdf', async (c) => {
    const meeting = await readableMeeting(c, c.req.param('id'));
    if (meeting instanceof Response) return meeting;
    if (meeting.status !== 'approved') return refuse(c, 409, 'minutesNotApproved');
    const version = minutesVersionParam(c);
    if (version === undefined) return refuse(c, 404, 'notFound');
    const { minutesPdf } = await import('./minutes-pdf.ts');
    const file = await notFoundAs404(c, () => minutesPdf(c.var.deps.db, meeting, version));
    if (file instanceof Response) return file;
    return c.body(new Uint8Array(file), 200, { 'Content-Type': PDF, 'Content-Disposition': attachment(`Bien ban - ${meeting.title}.pdf`) });
  });

  // A review of the agreement (sơ kết, tổng kết) as the Báo cáo, its figures computed from the records of its period.
  app.get('/agreements/:id/reviews/:file', async (c) => {
    const agreement = await getAgreement(c.var.deps.db, c.req.param('id'));
    if (!agreement) return refuse(c, 404, 'notFound');
    if (!can(c.var.user, 'agreement.read', agreement)) return refuse(c, 403, 'forbidden');
    const reviewId = stem(c.req.param('file'), '.docx');
    const { listReviews } = await import('../domain/agreement/reviews.ts');
    const review = reviewId ? (await listReviews(c.var.deps.db, agreement.id)).find((r) => r.id === reviewId) : undefined;
    if (!review) return refuse(c, 404, 'notFound');
    const { reviewDocx } = await import('./review-docx.ts');
    const file = await reviewDocx(c.var.deps.db, agreement, review);
    const name = `Bao cao ${review.kind === 'final' ? 'tong ket' : 'so ket'} - ${agreement.title}.docx`;
    return c.body(new Uint8Array(file), 200, { 'Content-Type': DOCX, 'Content-Disposition': attachment(name) });
  });

  // The agreement's current text, or `?version=` a saved or signed version of it, in the Nghị định 30 layout,
  // as Word (`.docx`) or PDF (`.pdf`): one layout, two writers.
  app.get('/agreements/:file', async (c) => {
    const file = c.req.param('file');
    const format = file.endsWith('.pdf') ? 'pdf' : 'docx';
    const id = stem(file, `.${format}`);
    const agreement = id ? await getAgreement(c.var.deps.db, id) : undefined;
    if (!agreement) return refuse(c, 404, 'notFound');
    if (!can(c.var.user, 'agreement.read', agreement)) return refuse(c, 403, 'forbidden');
    const versionId = c.req.query('version') ?? null;
    let content: LegalNodeJSON;
    if (versionId !== null) {
      try {
        content = (await getVersion(c.var.deps.db, agreement.id, versionId.slice(0, 64))).content;
      } catch (error) {
        if (error instanceof DomainError) return refuse(c, 404, 'notFound');
        throw error;
      }
    } else {
      content = await c.var.deps.live.read(docName('agreement', agreement.id), (doc) => legalDocOf(doc).toJSON() as LegalNodeJSON);
    }
    if (format === 'pdf') {
      const { agreementPdf } = await import('./agreement-pdf.ts');
      const pdf = await agreementPdf(c.var.deps.db, agreement, content, versionId);
      return c.body(new Uint8Array(pdf), 200, { 'Content-Type': PDF, 'Content-Disposition': attachment(`${agreement.title}.pdf`) });
    }
    const { agreementDocx } = await import('./agreement-docx.ts');
    const docx = await agreementDocx(c.var.deps.db, agreement, content, versionId);
    return c.body(new Uint8Array(docx), 200, { 'Content-Type': DOCX, 'Content-Disposition': attachment(`${agreement.title}.docx`) });
  });

  // The inter-agency statistics of a period (every agency sees the same figures): `from`, `to`,
  // and optionally `agency` (with everything under it) or `officer`.
  app.get('/statistics.xlsx', async (c) => {
    if (!can(c.var.user, 'statistics.read', null)) return refuse(c, 403, 'forbidden');
    const checked = checkPeriod(c.req.query('from'), c.req.query('to'));
    if ('error' in checked) {
      const key = ({ missing: 'periodMissing', notADate: 'periodNotADate', inverted: 'periodInverted', tooLong: 'periodTooLong' } as const)[checked.error];
      return c.json({ error: message(c.var.locale, key) }, 400);
    }
    const agency = c.req.query('agency');
    const officer = c.req.query('officer');
    const unit: Unit = agency ? { kind: 'agency', agencyId: agency.slice(0, 64) } : officer ? { kind: 'officer', name: officer.slice(0, 200) } : { kind: 'all' };
    const { statisticsWorkbook } = await import('./statistics-xlsx.ts');
    const file = await statisticsWorkbook(c.var.deps.db, checked.period, unit);
    const { from, to } = checked.period;
    return c.body(new Uint8Array(file), 200, { 'Content-Type': XLSX, 'Content-Disposition': attachment(`Thong ke ${from} ${to}.xlsx`) });
  });

  return app;
}
