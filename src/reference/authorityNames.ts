/**
 * An authority's name for a reader: its name in the reader's language when the participants file
 * gives one, else its own official name (`local`, e.g. "Inspección de Trabajo y Seguridad Social"),
 * else the English one. A proper name is better left in its own language than translated ad hoc.
 */
export function authorityName(authority: { shortName: string; names: Record<string, string> }, language: string): string {
  return authority.names[language] ?? authority.names.local ?? authority.names.en ?? authority.shortName;
}
