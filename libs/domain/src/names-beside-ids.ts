/**
 * A text naming cadres (or units) by id, with each name put beside its id: "李四（C1）", as the
 * pages, the CLI's tables and the exports write a person. The rules decide on ids and read no
 * names; a refusal's `cadreNames` (added by the application layer) supplies them. An id is
 * replaced only where it stands whole, not inside a longer id or an event id.
 */
export function namesBesideIds(text: string, names: Readonly<Record<string, string>> | undefined): string {
  const ids = Object.keys(names ?? {}).sort((a, b) => b.length - a.length);
  if (ids.length === 0) return text;
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // One pass: a name put in is never read again as an id.
  const whole = new RegExp(`(?<![A-Za-z0-9_.:-])(?:${escaped.join('|')})(?![A-Za-z0-9_:-]|\\.[A-Za-z0-9])`, 'g');
  return text.replace(whole, (id) => `${names![id]}（${id}）`);
}
