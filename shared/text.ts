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
