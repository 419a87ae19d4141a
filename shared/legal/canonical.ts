/**
 * The text that is signed: the document as the reader sees it (each block's kind, number and text,
 * in order; `textBlocks`), serialized as JSON with a fixed shape so the same text always gives the
 * same bytes, and its SHA-256. Editing ids, cursors and formatting that does not show do not count.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { textBlocks } from './blocks.ts';
import type { LegalNodeJSON } from './numbering.ts';

export function canonicalText(doc: LegalNodeJSON): string {
  return JSON.stringify(textBlocks(doc).map((block) => [block.kind, block.label, block.text]));
}

/** SHA-256 of the canonical text, lower-case hex. */
export function textHash(doc: LegalNodeJSON): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalText(doc))));
}
