import { describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../contracts/enums.ts';
import { ArticleFinder } from './article-finder.ts';
import { starterArticles } from './starter-articles.ts';

const articles = starterArticles().map((article, index) => ({ ...article, id: index + 1 }));
const finder = new ArticleFinder(articles);
const titleOf = (question: string, language: UiLanguage) => finder.find(question, language)?.article.title;
const english = (title: string) => articles.find((a) => a.language === 'en' && a.title === title);
// The topic of an answer, named by the English title of the same starter topic.
const topicOf = (question: string, language: UiLanguage) => {
  const found = finder.find(question, language);
  if (!found) return null;
  const index = articles.indexOf(found.article);
  const languages = ['uz', 'oz', 'ru', 'en'];
  return articles[index - languages.indexOf(found.article.language) + 3]?.title ?? null;
};

describe('finding the article that answers a question', () => {
  it('answers common questions in every language and script with the right topic', () => {
    const cases: [string, UiLanguage, string][] = [
      ['Murojaatimga qachon javob berishadi?', 'uz', 'How long does it take to consider an appeal?'],
      ['Мурожаатга қачон жавоб берилади?', 'oz', 'How long does it take to consider an appeal?'],
      ['Сколько дней рассматривают обращение?', 'ru', 'How long does it take to consider an appeal?'],
      ['Where do I file an appeal?', 'en', 'Where and how can I file an appeal?'],
      ['qanday hujjatlar kerak', 'uz', 'What must an appeal contain, and which documents are needed?'],
      ['Какие документы нужны?', 'ru', 'What must an appeal contain, and which documents are needed?'],
      ['javobdan noroziman shikoyat qilmoqchiman', 'uz', 'How do I complain if I disagree with the answer?'],
      ['nega murojaatim koʻrib chiqilmadi', 'uz', 'What does “not considered” mean?'],
      ['what does not considered mean', 'en', 'What does “not considered” mean?'],
      ['maxfiy kodni qayerga kiritaman', 'uz', 'How do I track my appeal?'],
      ['How can I track my appeal?', 'en', 'How do I track my appeal?'],
      // Karakalpak questions, asked on /kaa/ (which looks for the Uzbek Latin article first).
      ['Murájatıma qashan juwap beredi?', 'uz', 'How long does it take to consider an appeal?'],
      [
        'Juwaptan narazı bolsam, qalay shaǵım etemen?',
        'uz',
        'How do I complain if I disagree with the answer?',
      ],
      ['“Kórip shıǵılmadı” neni ańlatadı?', 'uz', 'What does “not considered” mean?'],
      ['Murájattıń jaǵdayın qalay bilemen?', 'uz', 'How do I track my appeal?'],
    ];
    for (const [question, language, topic] of cases) {
      expect(english(topic), topic).toBeDefined();
      expect(topicOf(question, language), question).toBe(topic);
    }
  });

  it('among the Latin and Cyrillic twins of an article, gives the one in the asker’s language', () => {
    expect(titleOf('qanday hujjatlar kerak', 'uz')).toMatch(/^Murojaatda/);
    expect(titleOf('qanday hujjatlar kerak', 'oz')).toMatch(/^Мурожаатда/);
    expect(titleOf('қандай ҳужжатлар керак', 'uz')).toMatch(/^Murojaatda/);
  });

  it('finds an article written only in Cyrillic from a question in Latin, and the other way round', () => {
    const cyrillicOnly = new ArticleFinder([
      ...articles,
      {
        id: 101,
        language: 'oz',
        title: 'Йўқолган телефон',
        body: 'Телефон йўқолса, маълумотнома олинг.',
        keywords: '',
      },
      {
        id: 102,
        language: 'uz',
        title: 'Ov miltigʻi',
        body: 'Ov miltigʻiga ruxsatnoma litsenziya boʻlimida beriladi.',
        keywords: '',
      },
    ]);
    expect(cyrillicOnly.find('telefonim yoʻqoldi', 'uz')?.article.id).toBe(101);
    expect(cyrillicOnly.find('ов милтиғи учун рухсатнома', 'oz')?.article.id).toBe(102);
  });

  it('answers nothing to nonsense, greetings and questions about other things', () => {
    for (const question of [
      'qwerty asdf zxcv',
      'salom',
      'Привет, как дела',
      'hello',
      'Toshkentda ob-havo qanday',
      'где купить хлеб',
    ])
      expect(finder.find(question, 'uz'), question).toBeNull();
  });
});
