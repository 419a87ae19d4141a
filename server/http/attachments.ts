/**
 * /attachments: files attached to agreements, meetings, action items and cases (CONTRACT).
 * `POST /attachments` (multipart `file` + `target`) answers 201 {id, name, size, sha256};
 * `GET /attachments/:id` answers the file as uploaded, always as a download (never inline).
 * 401 without a session, 403 to who may not read (or attach to) the record, 404 for an unknown one.
 * The body limit (20 MB, 413) is applied in server/app.ts before the body is read.
 */
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { filePath, parseTarget, readableAttachment } from '../domain/attachment/index.ts';
import { upload } from '../domain/attachment/commands.ts';
import { domainAnswer, refuse } from './refusals.ts';

/** Content-Disposition of a download: an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function attachmentDisposition(name: string): string {
  const fallback = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function attachmentRoutes() {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    if (!c.var.user) return refuse(c, 401, 'unauthorized');
    await next();
  });

  app.post('/', async (c) => {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      // The body limit has answered 413 before this reads; a body that is not multipart is the client's mistake.
      return refuse(c, 400, 'attachmentMissingFile');
    }
    const file = form.file;
    if (!(file instanceof File)) return refuse(c, 400, 'attachmentMissingFile');
    try {
      const target = parseTarget(form.target);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const deps = { db: c.var.deps.db, live: c.var.deps.live, actor: c.var.user! };
      const uploaded = await upload(deps, c.var.deps.dataDir, { target, name: file.name, bytes });
      return c.json(uploaded, 201);
    } catch (error) {
      return domainAnswer(c, error);
    }
  });

  app.get('/:attachmentId', async (c) => {
    try {
      const attachment = await readableAttachment(c.var.deps.db, c.var.user!, c.req.param('attachmentId').slice(0, 64));
      const bytes = await readFile(filePath(c.var.deps.dataDir, attachment.sha256));
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': attachment.contentType,
        'Content-Disposition': attachmentDisposition(attachment.name),
        'Content-Length': String(bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-cache',
      });
    } catch (error) {
      return domainAnswer(c, error);
    }
  });

  return app;
}
