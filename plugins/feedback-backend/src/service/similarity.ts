import { StoredReport } from '../database/FeedbackStore';

const STOP_WORDS = new Set(
  'the and for with that this from are was were has have not but you our its into when then than can cannot does did will would should there their they them what which who how all any out get got too very just also'.split(
    ' ',
  ),
);

/** Lower-cased words of 3+ characters, without common stop words. */
export function words(text: string): Set<string> {
  return new Set(
    (text.toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? []).filter(
      w => w.length >= 3 && !STOP_WORDS.has(w),
    ),
  );
}

/**
 * Ranks candidates: shared words with the query text, plus 2 for the same
 * entity and 1 for the same category; ties by impact (candidates arrive
 * sorted by impact).
 */
export function rankSimilar(
  candidates: StoredReport[],
  query: { entityRef?: string; category?: string; text?: string },
  max: number,
): StoredReport[] {
  const queryWords = words(query.text ?? '');
  return candidates
    .map((report, index) => {
      let score = 0;
      for (const w of words(report.text)) {
        if (queryWords.has(w)) score += 1;
      }
      if (query.entityRef && report.entityRef === query.entityRef) score += 2;
      if (query.category && report.category === query.category) score += 1;
      return { report, score, index };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, max)
    .map(r => r.report);
}
