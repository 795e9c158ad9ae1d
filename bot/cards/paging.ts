import type { Translate } from '../../src/i18n/translate';

/**
 * The fields every paged list card binds (page label, previous/next buttons and their offsets),
 * labelled from `<section>.page`, `.previous` and `.next` of the catalogue.
 */
export function pagingFields(t: Translate, section: string, page: { offset: number; hasMore: boolean }, pageSize: number, pageVars: Record<string, number> = {}) {
  return {
    pageLabel: t(`${section}.page`, { page: Math.floor(page.offset / pageSize) + 1, ...pageVars }),
    hasPrevious: page.offset > 0,
    hasMore: page.hasMore,
    previousLabel: t(`${section}.previous`),
    nextLabel: t(`${section}.next`),
    previousOffset: String(Math.max(0, page.offset - pageSize)),
    nextOffset: String(page.offset + pageSize),
  };
}
