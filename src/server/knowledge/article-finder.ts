import type { UiLanguage } from '../../contracts/enums.ts';
import { looseKey, SimilarIndex } from '../../nlp/index.ts';

/** What retrieval needs of an article. */
export interface FindableArticle {
  id: number;
  language: UiLanguage;
  title: string;
  body: string;
  keywords: string;
}

/** The article that answers a question, with how well it matched. */
export interface FoundArticle<T extends FindableArticle> {
  article: T;
  score: number;
}

// Uzbek builds words by suffixes ("muddat", "muddatda", "muddati"), and Russian inflects them ("срок",
// "сроки", "сроков"): the first letters of a word carry its meaning. Cutting every word to this many letters
// of its loose key lets a question meet an article that uses another form of the same word.
const STEM_LETTERS = 5;

/**
 * How much of the question must be explained by the best article: its BM25 score divided by the number of
 * the question's stems. Measured on the starter set: real questions score about 1.5 and more, nonsense,
 * greetings and questions about other things score 0 or below 1.
 */
export const MIN_SCORE_PER_STEM = 1;

// Words every question has that say nothing about the topic, in the loose-key (Latin) form and stemmed.
const FILLER = new Set(
  [
    'qanday',
    'qancha',
    'qachon',
    'qayerda',
    'nima',
    'nega',
    'kerak',
    'mumkin',
    'menga',
    'mening',
    'agar',
    'kak',
    'chto',
    'kogda',
    'gde',
    'pochemu',
    'mozhno',
    'nuzhno',
    'menya',
    'moe',
    'moy',
    'esli',
    'eto',
    'ili',
    'how',
    'what',
    'when',
    'where',
    'why',
    'can',
    'should',
    'does',
    'the',
    'and',
    'for',
    'with',
    'you',
    'your',
    'this',
    'that',
    'are',
    'have',
    'will',
    'about',
    'please',
    // Karakalpak (loose Latin form).
    'qalay',
    'qashan',
    'qayda',
    'neni',
    'nege',
    'kerek',
    'mumkin',
    'magan',
    'menin',
    'eger',
  ].map(stem),
);

function stem(word: string): string {
  return word.slice(0, STEM_LETTERS);
}

/** A text as retrieval reads it: any script to loose Latin, words cut to their stems, filler left out. */
export function stemsOf(text: string): string[] {
  return (
    looseKey(text)
      .split(' ')
      // Two-letter words are prepositions and particles ("об", "на", "of"), and they meet by chance.
      .filter((word) => word.length > 2)
      .map(stem)
      .filter((word) => !FILLER.has(word))
  );
}

/**
 * Finds the knowledge-base article that best answers a question, across scripts and languages: every text
 * goes through the language layer's loose key (Uzbek Cyrillic and Latin meet; Russian meets Russian through
 * the same transliteration) and BM25 ranks the articles. Among articles that match equally well — the same
 * article in Uzbek Latin and Cyrillic — the one in the asker's language wins. Pure: build it from the
 * active articles and ask it.
 */
export class ArticleFinder<T extends FindableArticle> {
  private readonly index = new SimilarIndex();
  private readonly byKey = new Map<string, T>();

  constructor(articles: readonly T[]) {
    for (const article of articles) {
      // The title and the keywords are what people ask with: they count twice.
      const text = [article.title, article.title, article.keywords, article.keywords, article.body].join(' ');
      this.index.add(String(article.id), stemsOf(text).join(' '));
      this.byKey.set(String(article.id), article);
    }
  }

  /** The best article for a question when it matches well enough, else null. */
  find(question: string, language: UiLanguage): FoundArticle<T> | null {
    const stems = stemsOf(question);
    if (stems.length === 0) return null;
    const matches = this.index.query(stems.join(' '), 10);
    const best = matches[0];
    if (best === undefined || best.score / stems.length < MIN_SCORE_PER_STEM) return null;
    const close = matches.filter((m) => m.score >= best.score * 0.98);
    const chosen = close.find((m) => this.byKey.get(m.id)?.language === language) ?? best;
    const article = this.byKey.get(chosen.id);
    return article ? { article, score: chosen.score / stems.length } : null;
  }
}
