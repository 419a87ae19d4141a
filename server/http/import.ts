/**
 * /import/*: files of other tools turned into records (CONTRACT). `POST /import/agreements`
 * (multipart `file`, a .docx, and one `partyAgencyIds` field per party) creates a draft whose live
 * text is the file's chapters, articles, clauses and points; answers 201 {id, chapters, articles,
 * report}. 401 without a session, 403 to who may not create agreements, 400 for a file that is not
 * a readable .docx; the body limit (20 MB, 413) is applied in server/app.ts before the body is read.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env.ts';
import { can } from '../policy/index.ts';
import { importAgreement } from '../domain/agreement/import-command.ts';
import { domainAnswer, refuse } from './refusals.ts';
import { id } from '../../shared/schemas.ts';

const partyIds = z.array(id).max(30);
const FALLBACK_TITLE = 'Quy chế phối hợp (nhập từ tệp Word)';

/** "Quy che 2026.docx" → "Quy che 2026". */
function stem(name: string): string {
  return name.replace(/\.[^.]*$/, '').trim();
}

export function importRoutes() {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    if (!c.var.user) return refuse(c, 401, 'unauthorized');
    await next();
  });

  app.post('/agreements', async (c) => {
    // Asked before the file is read: the command asks again inside its transaction.
    if (!can(c.var.user!, 'agreement.create', null)) return refuse(c, 403, 'forbidden');
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      return refuse(c, 400, 'wordImportMissingFile');
    }
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return refuse(c, 400, 'wordImportMissingFile');
    const parties = partyIds.safeParse([form.partyAgencyIds ?? []].flat());
    if (!parties.success) return refuse(c, 400, 'invalidInput');
    try {
      // The recogniser (and mammoth) is loaded on the first import, not at start.
      const { recogniseDocx } = await import('../domain/agreement/word-import.ts');
      const imported = await recogniseDocx(new Uint8Array(await file.arrayBuffer()));
      const title = (imported.title || stem(file.name) || FALLBACK_TITLE).slice(0, 300);
      const deps = { db: c.var.deps.db, live: c.var.deps.live, actor: c.var.user! };
      const agreement = await importAgreement(deps, {
        title, docNumber: imported.docNumber, partyAgencyIds: parties.data, text: imported.text,
      });
      return c.json({ id: agreement.id, chapters: imported.chapters, articles: imported.articles, report: imported.report }, 201);
    } catch (error) {
      return domainAnswer(c, error);
    }
  });

  return app;
}
