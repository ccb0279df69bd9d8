import { canonicalLatin } from '../../nlp/index.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import type { AppContext } from '../context.ts';
import { similarAnsweredAppeals } from './assist.repository.ts';

const MAX_TERMS = 24;

/** The distinctive words of a text for an OR query: letters only, longest first, deduplicated. */
export function queryTerms(text: string): string[] {
  const words = canonicalLatin(text)
    .split(/[^\p{L}\p{N}ʻʼ]+/u)
    .filter((w) => w.length >= 4);
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}

/**
 * Answered appeals in the user's scope most similar to this one (full-text rank over the canonical Latin
 * text, so Cyrillic and Latin appeals meet), with their approved answers, to reuse good answers and keep
 * them consistent.
 */
export async function similarAnswered(ctx: AppContext, user: StaffUser, number: string, limit = 5) {
  const appeal = await findVisibleAppeal(ctx, user, number);
  const terms = queryTerms(appeal.text);
  if (terms.length === 0) return [];
  const query = terms.join(' OR ');
  const scope = scopeOf(user, ctx.reference().units);
  // Ranking touches every match; within one category the matches stay few even at a million appeals.
  const rows = await similarAnsweredAppeals(ctx.db, {
    appealId: appeal.id,
    query,
    scope,
    categoryCode: appeal.category_code,
    limit,
  });
  return rows.map((r) => ({
    number: r.number,
    category: r.category_code,
    outcome: r.outcome,
    answeredAt: r.closed_at?.toISOString() ?? null,
    excerpt: r.excerpt,
    answer: r.body,
    score: Number(r.rank.toFixed(4)),
  }));
}
