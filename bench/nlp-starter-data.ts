/**
 * Builds the starter classifier data from src/nlp/data/starter-phrases.ts: each hand-written core
 * sentence is wrapped in greetings, places and closings, and each Uzbek one is written five ways
 * (proper okina, typed apostrophes, no apostrophes, Cyrillic, Cyrillic typed on a Russian keyboard).
 * Then, for training only, the further sentences of starter-phrases-more.ts (the same five Uzbek
 * forms, with more varied wrapping) and the reference category names and descriptions. They draw
 * from their own seeded generator, so the test set and the first part of the training set are the
 * same lines as before they were added.
 *
 *   npx tsx bench/nlp-starter-data.ts   → src/nlp/data/starter-train.jsonl, starter-test.jsonl
 *
 * Deterministic (seeded), so re-running it reproduces the committed files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type CategoryPhrases, STARTER_KEYWORDS, STARTER_PHRASES } from '../src/nlp/data/starter-phrases.ts';
import { STARTER_KAA } from '../src/nlp/data/starter-phrases-kaa.ts';
import {
  STARTER_MORE_PHRASES,
  STARTER_MORE_PHRASES_2,
  STARTER_MORE_PHRASES_3,
  STARTER_MORE_PHRASES_4,
} from '../src/nlp/data/starter-phrases-more.ts';
import { foldKaa, kaaToCyrillic } from '../src/nlp/karakalpak.ts';
import { normalizeText } from '../src/nlp/normalize.ts';
import { mulberry32 } from '../src/nlp/random.ts';
import { toCyrillic } from '../src/nlp/transliterate.ts';

export interface StarterExample {
  text: string;
  label: string;
  /** Variants of one written sentence share a group, so the held-out slice never sees a twin. */
  group: string;
  language: 'uz-Latn' | 'uz-Cyrl' | 'ru' | 'en' | 'kaa';
}

const WRAP = {
  uz: {
    open: [
      'Assalomu alaykum.',
      'Hurmatli IIB xodimlari!',
      'Salom.',
      'Hurmatli rahbariyat,',
      '',
      '',
      'Iltimos yordam bering!',
    ],
    detail: [
      'Chilonzor tumanida yashayman.',
      "Bu Yunusobod tumanida bo'ldi.",
      'Samarqand shahri, Registon koʻchasi.',
      'Kecha kechqurun shunday boʻldi.',
      'Bu 3 kun oldin boʻlgan.',
      'Manzil: Sergeli tumani, 5-mavze, 12-uy.',
      "Farg'ona viloyati, Qo'qon shahri.",
      '',
      '',
      '',
    ],
    close: [
      "Iltimos, chora ko'ring.",
      "Yordam berishingizni so'rayman.",
      "Tezroq ko'rib chiqishingizni so'raymiz.",
      'Javob kutaman.',
      'Telefon: 90 123 45 67.',
      '',
      '',
    ],
  },
  ru: {
    open: ['Здравствуйте.', 'Добрый день!', 'Уважаемые сотрудники МВД!', 'Помогите пожалуйста!', '', ''],
    detail: [
      'Это произошло вчера вечером.',
      'Адрес: Ташкент, Мирзо-Улугбекский район.',
      'Живу в Чиланзарском районе.',
      'Это случилось три дня назад в Самарканде.',
      'г. Наманган, ул. Навои 15.',
      '',
      '',
      '',
    ],
    close: [
      'Прошу принять меры.',
      'Помогите, пожалуйста.',
      'Прошу разобраться.',
      'Жду ответа.',
      'Тел: +998 93 555 11 22',
      '',
      '',
    ],
  },
  en: {
    open: ['Hello,', 'Dear Sir or Madam,', 'Good afternoon.', 'Please help.', '', ''],
    detail: [
      'This happened yesterday evening.',
      'I live in the Yunusabad district of Tashkent.',
      'It was three days ago in Bukhara.',
      'Address: Tashkent, Chilanzar 9.',
      '',
      '',
      '',
    ],
    close: [
      'Please take action.',
      'Please help me.',
      'I am waiting for your response.',
      'Thank you.',
      '',
      '',
    ],
  },
};

/** More ways to open, place and close an appeal, for the further sentences only. */
const WRAP_MORE = {
  uz: {
    open: [
      'Assalomu alaykum hurmatli militsiya.',
      'Ichki ishlar vazirligiga.',
      'Men, Karimova Dilnoza, sizga murojaat qilyapman.',
      'Hurmatli vazir!',
      'Salom, menda muammo bor.',
      'Men Andijon viloyati Asaka tumanida yashovchi fuqaroman.',
      'Ariza.',
    ],
    detail: [
      "Bu haqda avval ham aytgandim, lekin natija bo'lmadi.",
      'Nukus shahri, 3-mikrorayon.',
      "Qashqadaryo viloyati, Qarshi shahri, Mustaqillik ko'chasi 7-uy.",
      'Bugun ertalab soat 8 larda.',
      "Bir haftadan beri shu ahvol, qo'rqib yashayapmiz.",
      'Namangan viloyati Chust tumani.',
      'Guvohlar bor.',
      "O'tgan oy.",
    ],
    close: [
      "Choralar ko'rishingizni iltimos qilaman.",
      'Sizdan umid qilaman.',
      "Qonuniy yordam berishingizni so'rayman.",
      'Hurmat bilan, Rustam.',
      'Aloqa uchun: +998 97 111 22 33.',
      'Iltimos, javobsiz qoldirmang!!!',
      'Rahmat.',
    ],
  },
  ru: {
    open: [
      'Обращаюсь к вам с просьбой.',
      'В МВД Республики Узбекистан.',
      'Я, Иванова Ольга Петровна, проживаю в Ташкенте.',
      'Уважаемый министр!',
      'Здравствуйте, у меня проблема.',
      'Заявление.',
    ],
    detail: [
      'Я уже обращался раньше, но ничего не изменилось.',
      'г. Андижан, ул. Бабура 21.',
      'Сегодня около 8 утра.',
      'Так продолжается уже неделю.',
      'Есть свидетели.',
      'Это было в прошлом месяце.',
      'Юнусабад, 4 квартал.',
    ],
    close: [
      'Прошу принять законные меры.',
      'Надеюсь на вашу помощь.',
      'С уважением, Алишер.',
      'Мой номер: 90 987 65 43.',
      'Очень прошу не оставить без ответа!!!',
      'Заранее спасибо.',
    ],
  },
  en: {
    open: ['To the Ministry of Internal Affairs.', 'Hi,', 'I am writing to ask for help.'],
    detail: ['It has been going on for a week.', 'There are witnesses.', 'Samarkand, Amir Temur street 5.'],
    close: ['Kind regards, Timur.', 'Thanks in advance.', 'Please do not ignore this.'],
  },
};

const LAZY_CYRILLIC: Record<string, string> = {
  ў: 'у',
  қ: 'к',
  ғ: 'г',
  ҳ: 'х',
  Ў: 'У',
  Қ: 'К',
  Ғ: 'Г',
  Ҳ: 'Х',
};

/** Generates the starter train and test sets. */
export function generateStarter(seed = 20251125): { train: StarterExample[]; test: StarterExample[] } {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] ?? items[0] ?? ({} as T);
  const wrap = (language: 'uz' | 'ru' | 'en', core: string) => {
    const w = WRAP[language];
    const parts = [pick(w.open), `${core}.`, pick(w.detail), pick(w.close)].filter((part) => part !== '');
    const text = parts.join(' ');
    // A fifth of citizens write in lower case with no final full stop.
    return random() < 0.2 ? text.toLowerCase().replace(/[.!]$/, '') : text;
  };
  const train: StarterExample[] = [];
  const test: StarterExample[] = [];
  for (const [label, phrases] of Object.entries(STARTER_PHRASES)) {
    phrases.uz.forEach((core, i) => {
      const target = i === phrases.uz.length - 1 ? test : train;
      const group = `${label}/uz/${i}`;
      const typed = wrap('uz', core);
      target.push({ label, group, language: 'uz-Latn', text: normalizeText(wrap('uz', core)) });
      target.push({
        label,
        group,
        language: 'uz-Latn',
        text: typed.replace(/'/g, random() < 0.5 ? "'" : '`'),
      });
      target.push({ label, group, language: 'uz-Latn', text: wrap('uz', core).replace(/['ʻʼ]/g, '') });
      target.push({ label, group, language: 'uz-Cyrl', text: toCyrillic(normalizeText(wrap('uz', core))) });
      target.push({
        label,
        group,
        language: 'uz-Cyrl',
        text: toCyrillic(normalizeText(wrap('uz', core))).replace(
          /[ўқғҳЎҚҒҲ]/g,
          (ch) => LAZY_CYRILLIC[ch] ?? ch,
        ),
      });
    });
    for (const language of ['ru', 'en'] as const) {
      phrases[language].forEach((core, i) => {
        const isTest = i === phrases[language].length - 1;
        for (let copy = 0; copy < (isTest ? 2 : 3); copy++) {
          (isTest ? test : train).push({
            label,
            group: `${label}/${language}/${i}`,
            language,
            text: wrap(language, core),
          });
        }
      });
    }
  }
  for (const [label, keywords] of Object.entries(STARTER_KEYWORDS)) {
    for (const language of ['uz', 'ru', 'en'] as const) {
      const words = keywords[language];
      for (let note = 0; note < 4; note++) {
        const picked = [pick(words), pick(words)]
          .filter((word, i, all) => all.indexOf(word) === i)
          .join(', ');
        const group = `${label}/${language}/keywords`;
        if (language === 'uz') {
          train.push({ label, group, language: 'uz-Latn', text: normalizeText(picked) });
          train.push({ label, group, language: 'uz-Cyrl', text: toCyrillic(normalizeText(picked)) });
        } else {
          train.push({ label, group, language, text: picked });
        }
      }
    }
  }
  train.push(...generateMore(seed + 1));
  train.push(...generateKarakalpak(seed + 2));
  return { train, test };
}

const WRAP_KAA = {
  open: ['Assalawma áleykum.', 'Húrmetli policiya xızmetkerleri!', 'Sálem.', 'Járdem beriń!', '', ''],
  detail: ['Nókis qalasında jasayman.', 'Bul Shımbay rayonında boldı.', 'Keshe keshte solay boldı.', '', ''],
  close: ['Járdem beriwińizdi sorayman.', 'Tezirek kórip shıǵıwıńızdı ótinemen.', 'Raxmet.', '', ''],
};

/**
 * The Karakalpak sentences (training only), each in four forms: as written, in Cyrillic, and both without
 * the Karakalpak letters. Last, from their own generator, so every line before them stays as it was.
 */
function generateKarakalpak(seed: number): StarterExample[] {
  const random = mulberry32(seed);
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)] ?? '';
  const out: StarterExample[] = [];
  for (const [label, sentences] of Object.entries(STARTER_KAA)) {
    sentences.forEach((core, i) => {
      const group = `${label}/kaa/${i}`;
      const wrapped = () =>
        random() < 0.3
          ? core
          : [pick(WRAP_KAA.open), `${core}.`, pick(WRAP_KAA.detail), pick(WRAP_KAA.close)]
              .filter((part) => part !== '')
              .join(' ');
      const latin = wrapped();
      const cyrillic = kaaToCyrillic(wrapped());
      for (const text of [latin, cyrillic, foldKaa(wrapped()), foldKaa(kaaToCyrillic(wrapped()))])
        out.push({ label, group, language: 'kaa', text });
    });
  }
  return out;
}

interface ReferenceCategory {
  code: string;
  names: Record<'uz' | 'oz' | 'ru' | 'en', string>;
  descriptions: Record<'uz' | 'oz' | 'ru' | 'en', string>;
}

/** The further sentences and the reference names and descriptions; training only. */
function generateMore(seed: number): StarterExample[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] ?? items[0] ?? ({} as T);
  const wrap = (language: 'uz' | 'ru' | 'en', core: string) => {
    // A third stands alone, as many short appeals do; the rest get an opening, a place and a close
    // from the first or the further lists.
    if (random() < 0.3) return random() < 0.5 ? core : `${core}.`;
    const w = random() < 0.5 ? WRAP[language] : WRAP_MORE[language];
    const parts = [pick(w.open), `${core}.`, pick(w.detail), pick(w.close)].filter((part) => part !== '');
    const text = parts.join(' ');
    return random() < 0.2 ? text.toLowerCase().replace(/[.!]$/, '') : text;
  };
  const lazy = (text: string) => text.replace(/[ўқғҳЎҚҒҲ]/g, (ch) => LAZY_CYRILLIC[ch] ?? ch);
  const out: StarterExample[] = [];
  const more = Object.entries(STARTER_MORE_PHRASES).map(([label, first]): [string, CategoryPhrases] => {
    const rounds = [
      first,
      STARTER_MORE_PHRASES_2[label],
      STARTER_MORE_PHRASES_3[label],
      STARTER_MORE_PHRASES_4[label],
    ];
    return [
      label,
      {
        uz: rounds.flatMap((round) => round?.uz ?? []),
        ru: rounds.flatMap((round) => round?.ru ?? []),
        en: rounds.flatMap((round) => round?.en ?? []),
      },
    ];
  });
  for (const [label, phrases] of more) {
    phrases.uz.forEach((core, i) => {
      const group = `${label}/uz-more/${i}`;
      // Three forms, not five: on the classifier's loose key the forms differ only in their wrapping,
      // and fewer near-copies keep training (six fits with the calibration) quick.
      const typed = wrap('uz', core);
      out.push({ label, group, language: 'uz-Latn', text: normalizeText(wrap('uz', core)) });
      out.push({
        label,
        group,
        language: 'uz-Latn',
        text: random() < 0.5 ? typed.replace(/'/g, '`') : typed.replace(/['ʻʼ]/g, ''),
      });
      const cyrillic = toCyrillic(normalizeText(wrap('uz', core)));
      out.push({ label, group, language: 'uz-Cyrl', text: random() < 0.5 ? cyrillic : lazy(cyrillic) });
    });
    for (const language of ['ru', 'en'] as const) {
      phrases[language].forEach((core, i) => {
        for (let copy = 0; copy < 2; copy++) {
          out.push({ label, group: `${label}/${language}-more/${i}`, language, text: wrap(language, core) });
        }
      });
    }
  }
  const reference: { categories: ReferenceCategory[] } = JSON.parse(
    readFileSync(new URL('../src/server/reference/data/categories.json', import.meta.url), 'utf8'),
  );
  for (const { code, names, descriptions } of reference.categories) {
    const group = `${code}/reference`;
    for (const key of ['uz', 'oz', 'ru', 'en'] as const) {
      const language = key === 'uz' ? 'uz-Latn' : key === 'oz' ? 'uz-Cyrl' : key;
      out.push({ label: code, group, language, text: names[key] });
      out.push({ label: code, group, language, text: descriptions[key] });
    }
  }
  return out;
}

function toJsonl(examples: StarterExample[]): string {
  return examples.map(({ text, label, group }) => `${JSON.stringify({ text, label, group })}\n`).join('');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { train, test } = generateStarter();
  writeFileSync(new URL('../src/nlp/data/starter-train.jsonl', import.meta.url), toJsonl(train));
  writeFileSync(new URL('../src/nlp/data/starter-test.jsonl', import.meta.url), toJsonl(test));
  console.log(JSON.stringify({ train: train.length, test: test.length }));
}
