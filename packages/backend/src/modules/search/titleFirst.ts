import type { IndexableResult } from '@backstage/plugin-search-common';

/** Lower-case words of a title: "payment-routing-service" -> payment, routing, service. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How well a title matches a search: 0 when it is the search, 1 when every
 * word searched for is a word of the title, 2 when they start words of the
 * title, 3 otherwise.
 */
export function titleMatch(title: string | undefined, term: string): number {
  const wanted = wordsOf(term);
  if (!title || wanted.length === 0) return 3;
  const words = wordsOf(title);
  if (words.join(' ') === wanted.join(' ')) return 0;
  if (wanted.every(w => words.includes(w))) return 1;
  if (wanted.every(w => words.some(x => x.startsWith(w)))) return 2;
  return 3;
}

/** Among equal title matches: what people look for most first, docs last. */
const KIND_ORDER = [
  'component',
  'api',
  'system',
  'domain',
  'resource',
  'group',
];

function kindOrder(result: IndexableResult): number {
  if (result.type !== 'software-catalog') return KIND_ORDER.length + 1;
  const kind = String(
    (result.document as { kind?: unknown }).kind ?? '',
  ).toLowerCase();
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
}

/**
 * A page of results with the titles that match the search best first, the
 * among equal matches components, APIs, systems... and then docs, the
 * engine's order kept otherwise (a stable sort): "payment" finds
 * payment-routing-service before three entities titled "Payments", which the
 * engine's stemming ranks higher because their titles are shorter. Ranks are
 * renumbered from the page's first.
 */
export function titleFirst(
  results: IndexableResult[],
  term: string,
): IndexableResult[] {
  if (!term.trim()) return results;
  const first = results[0]?.rank ?? 1;
  return results
    .map((result, index) => ({
      result,
      index,
      match: titleMatch(result.document.title, term),
    }))
    .sort(
      (a, b) =>
        a.match - b.match ||
        kindOrder(a.result) - kindOrder(b.result) ||
        a.index - b.index,
    )
    .map(({ result }, i) => ({ ...result, rank: first + i }));
}
