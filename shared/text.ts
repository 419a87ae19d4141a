/**
 * Folds Vietnamese text for search: lower case, tone and vowel marks removed, đ/Đ to d.
 * The same function indexes and queries, so "thi hanh an" meets "thi hành án".
 * Unicode decomposition leaves đ alone (it is a letter, not d plus a mark), hence the map.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Control characters (tab, line feed and carriage return aside) and halves of a surrogate pair that stand alone. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when some string in `value` (deeply) holds a character no text of the app may hold. */
export function hasForbiddenCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return FORBIDDEN_CHARACTERS.test(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => hasForbiddenCharacters(item, depth + 1));
  return Object.entries(value).some(([key, item]) => FORBIDDEN_CHARACTERS.test(key) || hasForbiddenCharacters(item, depth + 1));
}
