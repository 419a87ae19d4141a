/** Attaching a file to a record, as a command: load the record, authorize, store, insert and audit in one transaction. */
import { authorize, type CommandDeps } from '../command.ts';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../errors.ts';
import {
  MAX_ATTACHMENT_BYTES, TARGET_ENTITY, dropFileIfUnused, insertAttachment, readTarget, sanitizeName, sha256Hex, sniffContentType,
  storeFile, type TargetRef,
} from './index.ts';

export interface Uploaded { id: string; name: string; size: number; sha256: string }

/**
 * The file, kept once per content under `dataDir`, attached to `target`. Allowed to whoever may
 * edit or work on the record (`attachment.upload`); its type is read from the bytes. A failure at
 * any step leaves neither a row, nor an audit entry, nor a file this upload created.
 */
export async function upload(deps: CommandDeps, dataDir: string, input: { target: TargetRef; name: string; bytes: Uint8Array }): Promise<Uploaded> {
  const { target, bytes } = input;
  const name = sanitizeName(input.name);
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new DomainError('BAD_REQUEST', 'attachmentTooLarge');
  // Refused before anything is written for someone who may not upload; checked again in the transaction.
  authorize(deps.actor, 'attachment.upload', await readTarget(deps.db, deps.actor, target));
  const contentType = await sniffContentType(bytes, name);
  const sha256 = sha256Hex(bytes);
  // Written (and synced) outside the write queue: a 20 MB file must not hold up every other write.
  // Stored by content, so a file written before the row is harmless; a failure removes it if unused.
  let created = await storeFile(dataDir, sha256, bytes);
  try {
    return await deps.db.write(async (tx) => {
      const record = await readTarget(tx, deps.actor, target);
      authorize(deps.actor, 'attachment.upload', record);
      // A concurrent failed upload of the same bytes may have removed the file meanwhile.
      if (await storeFile(dataDir, sha256, bytes)) created = true;
      const id = await insertAttachment(tx, deps.actor, { target, name, contentType, size: bytes.length, sha256 });
      await recordAudit(tx, deps.actor, {
        entity: TARGET_ENTITY[target.kind], entityId: target.id, action: 'attachment.upload',
        summary: { attachmentId: id, name, size: bytes.length, sha256, contentType },
      });
      return { id, name, size: bytes.length, sha256 };
    });
  } catch (error) {
    // In the write queue, so no other upload of the same bytes can commit between the check and the removal.
    if (created) await deps.db.write((tx) => dropFileIfUnused(tx, dataDir, sha256)).catch(() => {});
    throw error;
  }
}
