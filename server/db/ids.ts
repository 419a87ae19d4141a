import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random 80-bit id, 16 characters: short enough for URLs, too many to guess. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}
