/**
 * Attachments: files kept with an agreement (annexes, signed scans), a meeting (its dossier), an
 * action item (a progress report's letter) or a case (judgment, decisions).
 *
 * The bytes are stored once per content at `<dataDir>/files/<sha256>`, written to a temporary file
 * of the same folder and renamed, so an interrupted upload never leaves a partial file under a
 * real name; the metadata is a row of `attachments`. Who reads an attachment is exactly who reads
 * its record: every query here goes through the record's own reader (NOT_FOUND, FORBIDDEN).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { User } from 'lucia';
import { all, one, type Sql } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { can, type AttachmentTarget } from '../../policy/index.ts';
import { DomainError } from '../errors.ts';
import { readableAgreement } from '../agreement/commands.ts';
import { readableMeeting } from '../meeting/commands.ts';
import { readableItem } from '../action-item/commands.ts';
import { readableCase } from '../case/commands.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const TARGET_KINDS = ['agreement', 'meeting', 'actionItem', 'case'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export interface TargetRef { kind: TargetKind; id: string }

/** The entity name its changes are audited and announced under. */
export const TARGET_ENTITY: Record<TargetKind, string> = { agreement: 'agreement', meeting: 'meeting', actionItem: 'action_item', case: 'case' };

/** "meeting:abc" → { kind: 'meeting', id: 'abc' }; BAD_REQUEST for anything else. */
export function parseTarget(text: unknown): TargetRef {
  const match = typeof text === 'string' ? /^(agreement|meeting|actionItem|case):([A-Za-z0-9_-]{1,64})$/.exec(text) : null;
  if (!match) throw new DomainError('BAD_REQUEST', 'attachmentTargetInvalid');
  return { kind: match[1] as TargetKind, id: match[2] };
}

/** The record, readable by the actor (NOT_FOUND, FORBIDDEN), as the policy sees it. */
export async function readTarget(sql: Sql, actor: User, target: TargetRef): Promise<AttachmentTarget> {
  const db = sql as Parameters<typeof readableAgreement>[0];
  switch (target.kind) {
    case 'agreement': return { kind: 'agreement', agreement: await readableAgreement(db, actor, target.id) };
    case 'meeting': return { kind: 'meeting', meeting: await readableMeeting(db, actor, target.id) };
    case 'actionItem': return { kind: 'actionItem', item: await readableItem(db, actor, target.id) };
    case 'case': return { kind: 'case', record: await readableCase(db, actor, target.id) };
  }
}

// ---------------------------------------------------------------------------------------------
// Names and types

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name safe to store and to send back in Content-Disposition: the last segment of a path, no
 * control or direction characters, no leading dots, at most 200 characters (extension kept).
 */
export function sanitizeName(raw: string): string {
  let name = raw.replace(CONTROL, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[<>:"|?*]/g, '_').trim().replace(/^[.\s]+/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - extension.length) + extension;
  }
  return name || 'tep-dinh-kem';
}

/** What file-type recognises that we keep, and the content type each is served with. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpg: 'image/jpeg',
  tif: 'image/tiff',
  cfb: 'application/x-cfb',
};

const TEXT = 'text/plain; charset=utf-8';
/** Markup that a browser or viewer would run or render, refused even when it is valid text. */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|link|\?xml|xml)\b/i;

/**
 * The content type of the bytes, from the bytes: the office, PDF and image formats above, or plain
 * UTF-8 text without NUL nor markup; BAD_REQUEST for anything else (HTML, SVG, executables…).
 */
export async function sniffContentType(bytes: Uint8Array, name: string): Promise<string> {
  if (bytes.length === 0) throw new DomainError('BAD_REQUEST', 'attachmentEmpty');
  // Loaded on the first upload, not at start.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const type = ACCEPTED[detected.ext];
    if (!type) throw new DomainError('BAD_REQUEST', 'attachmentTypeRefused');
    // Word 97 and Excel 97 are both compound files; the name only chooses between the two.
    if (detected.ext === 'cfb') {
      if (/\.doc$/i.test(name)) return 'application/msword';
      if (/\.xls$/i.test(name)) return 'application/vnd.ms-excel';
    }
    return type;
  }
  if (bytes.includes(0)) throw new DomainError('BAD_REQUEST', 'attachmentTypeRefused');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('BAD_REQUEST', 'attachmentTypeRefused');
  }
  if (MARKUP.test(text.slice(0, 4096))) throw new DomainError('BAD_REQUEST', 'attachmentTypeRefused');
  return TEXT;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Storage

export function filesDir(dataDir: string): string {
  return join(dataDir, 'files');
}

export function filePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
  return join(filesDir(dataDir), sha256);
}

/**
 * Keeps the bytes at `<dataDir>/files/<sha256>`, once: written and synced to a temporary file of
 * the same folder, then renamed over (atomic). Returns whether this call created the file, so a
 * transaction that fails afterwards can take it back.
 */
export async function storeFile(dataDir: string, sha256: string, bytes: Uint8Array): Promise<boolean> {
  const path = filePath(dataDir, sha256);
  const existing = await stat(path).catch(() => null);
  if (existing?.isFile() && existing.size === bytes.length) return false;
  await mkdir(filesDir(dataDir), { recursive: true });
  const temporary = join(filesDir(dataDir), `.upload-${newId()}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return true;
}

/** Removes a stored file nothing refers to any more (a failed upload that had created it). */
export async function dropFileIfUnused(sql: Sql, dataDir: string, sha256: string): Promise<void> {
  const used = await one(sql, 'SELECT 1 AS used FROM attachments WHERE sha256 = ? LIMIT 1', [sha256]);
  if (!used) await unlink(filePath(dataDir, sha256)).catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface Attachment {
  id: string; targetKind: TargetKind; targetId: string; name: string; contentType: string; size: number; sha256: string;
  uploadedBy: string; uploaderName: string; agencyShortName: string; createdAt: string;
}

const COLUMNS = `f.id, f.target_kind, f.target_id, f.name, f.content_type, f.size, f.sha256, f.uploaded_by,
       u.name AS uploader_name, a.short_name AS agency_short_name, f.created_at`;
const FROM = `attachments f JOIN users u ON u.id = f.uploaded_by JOIN agencies a ON a.id = f.agency_id`;

function toAttachment(row: Record<string, unknown>): Attachment {
  return {
    id: String(row.id), targetKind: row.target_kind as TargetKind, targetId: String(row.target_id), name: String(row.name),
    contentType: String(row.content_type), size: Number(row.size), sha256: String(row.sha256), uploadedBy: String(row.uploaded_by),
    uploaderName: String(row.uploader_name), agencyShortName: String(row.agency_short_name), createdAt: String(row.created_at),
  };
}

export async function getAttachment(sql: Sql, id: string): Promise<Attachment | undefined> {
  const row = await one<Record<string, unknown>>(sql, `SELECT ${COLUMNS} FROM ${FROM} WHERE f.id = ?`, [id]);
  return row && toAttachment(row);
}

export async function insertAttachment(sql: Sql, actor: User, row: { target: TargetRef; name: string; contentType: string; size: number; sha256: string }): Promise<string> {
  const id = newId();
  await sql.execute({
    sql: `INSERT INTO attachments (id, target_kind, target_id, name, content_type, size, sha256, uploaded_by, agency_id, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, row.target.kind, row.target.id, row.name, row.contentType, row.size, row.sha256, actor.id, actor.agency.id, new Date().toISOString()],
  });
  return id;
}

/** An attachment the actor may read: NOT_FOUND when unknown, FORBIDDEN when its record is not theirs to read. */
export async function readableAttachment(sql: Sql, actor: User, id: string): Promise<Attachment> {
  const attachment = await getAttachment(sql, id);
  if (!attachment) throw new DomainError('NOT_FOUND', 'notFound');
  await readTarget(sql, actor, { kind: attachment.targetKind, id: attachment.targetId });
  return attachment;
}

/** The attachments of a record the actor may read, oldest first, and whether the actor may add one. */
export async function listAttachments(sql: Sql, actor: User, target: TargetRef): Promise<{ items: Attachment[]; canUpload: boolean }> {
  const record = await readTarget(sql, actor, target);
  const rows = await all<Record<string, unknown>>(sql, `SELECT ${COLUMNS} FROM ${FROM}
     WHERE f.target_kind = ? AND f.target_id = ? ORDER BY f.created_at, f.id`, [target.kind, target.id]);
  return { items: rows.map(toAttachment), canUpload: can(actor, 'attachment.upload', record) };
}
