/**
 * Builds the labelled urgency set: the hand-written appeals of src/nlp/data/urgency-appeals.ts plus
 * appeals put together from varied parts below (who, what happened, when, a closing), so that no
 * two read alike. Uzbek parts are written in Latin; half of the Uzbek ones are turned into Cyrillic,
 * some of those as typed on a Russian keyboard (у for ў, к for қ, г for ғ, х for ҳ).
 *
 *   npx tsx bench/nlp-urgency-data.ts   → src/nlp/data/urgency-labelled.jsonl
 *
 * Lines: {text, urgent, kind, language, source} with source "hand" or "template". Deterministic.
 */
import { writeFileSync } from 'node:fs';
import {
  HAND_WRITTEN,
  URGENT_KINDS,
  type UrgencyLabel,
  type UrgencyLanguage,
} from '../src/nlp/data/urgency-appeals.ts';
import { mulberry32 } from '../src/nlp/random.ts';
import { toCyrillic } from '../src/nlp/transliterate.ts';

export interface LabelledAppeal {
  text: string;
  urgent: boolean;
  kind: UrgencyLabel;
  language: UrgencyLanguage;
  source: 'hand' | 'template';
}

/** Parts of one kind: one item is drawn from each list and the non-empty ones joined. */
type Parts = readonly (readonly string[])[];

const UZ: Partial<Record<UrgencyLabel, Parts>> = {
  threat_to_life: [
    ['', 'Assalomu alaykum.', 'Yordam bering!', 'Hurmatli militsiya,'],
    [
      'Qoʻshnim',
      'Sobiq erim',
      'Qarz bergan odam',
      'Tanish bir yigit',
      'Ijarachim',
      'Hamkasbim',
      'Nomaʼlum odam',
    ],
    ['kecha kechqurun', 'bugun ertalab', 'telefon orqali', 'koʻchada toʻxtatib', 'mast holda', ''],
    [
      'meni oʻldiraman dedi.',
      'seni soʻyib tashlayman deb qoʻrqitdi.',
      'pichoq koʻrsatib, jonimga qasd qilishini aytdi.',
      'oilamni oʻldirib yuboraman deb tahdid qildi.',
      'meni otib tashlayman dedi, uyida miltigʻi bor.',
      'uyimni yoqib, hammamizni oʻldiraman dedi.',
    ],
    ['', 'Iltimos, tezroq chora koʻring.', 'Juda qoʻrqyapmiz.', 'Bolalarim bilan uydan chiqolmayapman.'],
  ],
  domestic_violence: [
    ['', 'Assalomu alaykum.', 'Iltimos yordam bering.'],
    ['Erim', 'Turmush oʻrtogʻim', 'Qaynonam', 'Otam', 'Oʻgʻlim', 'Eri'],
    ['bugun yana', 'ichib kelib', 'bolalar oldida', 'pul bermaganim uchun', ''],
    [
      'meni urdi, yuzim koʻkarib ketdi.',
      'meni kaltakladi.',
      'onamni urib, boshini yordi.',
      'meni boʻgʻib, devorga urdi.',
      'har kuni meni uradi.',
      'meni tepib, uydan haydab chiqardi.',
    ],
    ['', 'Uyga qaytishga qoʻrqaman.', 'Bolalar yigʻlab oʻtiribdi.', 'Hozir qoʻshnilarnikidaman.'],
  ],
  missing_child: [
    ['', 'Yordam bering!', 'Iltimos, tezroq!'],
    ['Oʻgʻlim', 'Qizim', 'Nabiram', '7 yoshli oʻgʻlim', 'Bolam', '10 yoshli qizim'],
    [
      'maktabdan qaytmadi,',
      'kechadan beri uyga kelmadi,',
      'bozorda adashib qoldi,',
      'hovlidan chiqib ketib, topilmayapti,',
      'darsdan keyin yoʻqolib qoldi,',
    ],
    ['', 'telefoni oʻchiq.', 'hamma joyni qidirdik.', 'qarindoshlarnikida ham yoʻq.'],
  ],
  ongoing_crime: [
    ['Hozir', 'Ayni paytda', 'Shu daqiqada', 'Tezroq keling,'],
    [
      'qoʻshnimning uyiga oʻgʻri kirdi,',
      'doʻkonni talashyapti,',
      'mashinamning oynasini sindirib, ichidan narsa olishyapti,',
      'koʻchada bir kishini urib, telefonini tortib olishyapti,',
      'podyezdda kimdir eshiklarni buzib kiryapti,',
      'kvartiramga begona odam kirib oldi,',
    ],
    ['', 'men derazadan koʻryapman.', 'ular hali ham shu yerda.', 'manzil: Chilonzor 9-kvartal.'],
  ],
  neighbour_quarrel: [
    ['', 'Assalomu alaykum.', 'Hurmatli IIB xodimlari,'],
    ['Qoʻshnim', 'Qoʻshni ayol', 'Yuqori qavatdagi qoʻshnim', 'Qoʻshnimizning oʻgʻli'],
    [
      'bilan devor uchun janjallashdik.',
      'mashinasini darvozamiz oldiga qoʻyadi.',
      'har kuni baqirib soʻkinadi.',
      'meni mahalla oldida haqorat qildi.',
      'hovlimizga chiqindi tashlaydi.',
      'suv quvurini bizning tomonga burib qoʻydi.',
      'bolalarimizga qoʻpol gapiradi.',
      'chegaradagi daraxtni kesib tashladi.',
    ],
    ['', 'Aytsak baqiradi.', 'Mahalla ham hal qilolmadi.', 'Necha marta gaplashdik, foydasi yoʻq.'],
  ],
  noise: [
    ['Qoʻshnilar', 'Toʻyxona', 'Kafe egasi', 'Ustaxona', 'Yuqori qavatdagilar'],
    [
      'kechasi baland musiqa qoʻyadi,',
      'yarim tungacha shovqin qiladi,',
      'tunda ham taʼmirlash qiladi,',
      'soat ikkigacha karaoke qoʻyadi,',
    ],
    ['uxlay olmayapmiz.', 'bolalar uygʻonib ketadi.', 'chora koʻrishingizni soʻraymiz.'],
  ],
  debt: [
    ['Tanishim', 'Qarindoshim', 'Ish beruvchim', 'Sobiq sherigim'],
    [
      'menga 3 million soʻm qarzini qaytarmayapti.',
      'uch oylik maoshimni bermayapti.',
      'olgan qarzini bir yildan beri bermayapti.',
      'tilxat yozib qarz olgan, endi tanimayman deyapti.',
    ],
    ['', 'Qanday undirsam boʻladi?', 'Hujjatlar bor.'],
  ],
  lost_documents: [
    ['Pasportimni', 'ID kartamni', 'Haydovchilik guvohnomamni', 'Texpasportni', 'Diplomimni'],
    ['yoʻqotib qoʻydim,', 'taksida qoldirib ketibman,', 'bozorda tushirib qoʻydim,'],
    ['qanday tiklasam boʻladi?', 'maʼlumotnoma kerak.', 'topilsa xabar bering.'],
  ],
  past_theft: [
    ['Oʻtgan hafta', 'Kecha', 'Bir oy oldin'],
    [
      'velosipedimni podyezddan olib ketishdi.',
      'telefonimni avtobusda oʻgʻirlashdi.',
      'doʻkonimdan tovar oʻgʻirlangan.',
      'mashinamdan magnitolani olib ketishgan.',
    ],
    ['', 'Kamerada koʻrinadi.', 'Aybdorni topishingizni soʻrayman.'],
  ],
  fraud: [
    ['Internetda', 'Telegramda', 'Telefon orqali'],
    [
      'bank xodimi deb kartamdan pul yechib olishdi.',
      'mashina sotaman deb oldindan pul olib, gʻoyib boʻldi.',
      'ish taklif qilib, hujjat uchun pul olishdi.',
    ],
    ['', 'Pulni qaytarishga yordam bering.'],
  ],
};

const RU: Partial<Record<UrgencyLabel, Parts>> = {
  threat_to_life: [
    ['', 'Здравствуйте.', 'Помогите!'],
    ['Сосед', 'Бывший муж', 'Коллектор', 'Знакомый', 'Неизвестный', 'Брат мужа'],
    ['вчера вечером', 'сегодня утром', 'по телефону', 'в пьяном виде', ''],
    [
      'сказал, что убьёт меня.',
      'угрожал зарезать.',
      'обещал убить всю мою семью.',
      'показал нож и сказал, что прирежет.',
      'грозится пристрелить.',
    ],
    ['', 'Мне страшно выходить из дома.', 'Прошу срочно принять меры.'],
  ],
  domestic_violence: [
    ['', 'Здравствуйте.', 'Помогите, пожалуйста.'],
    ['Муж', 'Сожитель', 'Отец', 'Свекровь с мужем', 'Зять'],
    ['опять', 'в пьяном виде', 'при детях', ''],
    ['избил меня.', 'бьёт меня каждый день.', 'ударил меня головой о стену.', 'избивает мою маму.'],
    ['', 'Боюсь идти домой.', 'Я сейчас у соседей.'],
  ],
  missing_child: [
    ['', 'Помогите!', 'Срочно!'],
    ['Пропал сын,', 'Пропала дочь,', 'Потерялся ребёнок,', 'Не вернулся домой сын,'],
    ['7 лет.', '10 лет.', '14 лет.', '5 лет.'],
    ['Ушёл в школу и не вернулся.', 'Телефон выключен.', 'Искали везде.', 'Последний раз видели у магазина.'],
  ],
  ongoing_crime: [
    ['Прямо сейчас', 'Сейчас', 'В эту минуту'],
    [
      'ломают дверь соседей.',
      'грабят магазин на углу.',
      'во дворе вскрывают машину.',
      'двое отнимают у парня сумку.',
      'кто-то лезет к нам через окно.',
    ],
    ['', 'Приезжайте быстрее.', 'Я вижу их из окна.'],
  ],
  neighbour_quarrel: [
    ['', 'Здравствуйте.', 'Уважаемые сотрудники,'],
    ['Сосед', 'Соседка', 'Соседи сверху', 'Сын соседей'],
    [
      'постоянно ругается с нами из-за забора.',
      'ставит машину у наших ворот.',
      'оскорбляет меня при людях.',
      'кидает мусор к нам во двор.',
      'кричит на моих детей.',
      'спилил наше дерево на меже.',
    ],
    ['', 'На просьбы отвечает грубостью.', 'Махалля не помогла.'],
  ],
  noise: [
    ['Соседи шумят по ночам,', 'В кафе под окнами музыка до утра,', 'Мастерская во дворе работает ночью,'],
    ['спать невозможно.', 'дети не спят.', 'просим принять меры.'],
  ],
  debt: [
    ['Знакомый', 'Родственник', 'Работодатель', 'Бывший партнёр'],
    [
      'не возвращает долг в 5 миллионов.',
      'не платит зарплату три месяца.',
      'занял деньги под расписку и скрывается.',
    ],
    ['', 'Как вернуть деньги?'],
  ],
  lost_documents: [
    ['Потерял паспорт', 'Утеряно водительское удостоверение', 'Потеряла ID-карту', 'Потерял техпаспорт'],
    ['в такси,', 'на рынке,', 'в метро,'],
    ['как восстановить?', 'нужна справка.', 'если найдут, сообщите.'],
  ],
  past_theft: [
    ['На прошлой неделе', 'Вчера', 'Месяц назад'],
    ['украли велосипед из подъезда.', 'вытащили телефон в автобусе.', 'из машины украли магнитолу.'],
    ['', 'Есть запись с камеры.'],
  ],
  fraud: [
    ['По телефону', 'В интернете', 'В телеграме'],
    ['представились банком и сняли деньги с карты.', 'взяли предоплату и пропали.'],
    ['', 'Помогите вернуть деньги.'],
  ],
};

const EN: Partial<Record<UrgencyLabel, Parts>> = {
  threat_to_life: [
    ['My neighbour', 'My ex-husband', 'A debt collector', 'A man I know'],
    ['said he will kill me.', 'threatened to stab me.', 'says he will shoot my family.'],
    ['', 'I am afraid to leave the house.', 'Please help urgently.'],
  ],
  domestic_violence: [
    ['My husband', 'My partner', 'My father'],
    ['beat me again tonight.', 'hits me in front of the children.', 'beats my mother.'],
    ['', 'I am hiding at a neighbour’s flat.'],
  ],
  missing_child: [
    ['My son', 'My daughter', 'Our little boy'],
    ['did not come home from school.', 'is missing since this morning.', 'got lost at the bazaar.'],
    ['', 'He is 8.', 'She is 10.'],
  ],
  ongoing_crime: [
    ['Right now', 'At this moment'],
    ['someone is breaking into my car.', 'two men are robbing a shop on our street.'],
    ['', 'Please come quickly.'],
  ],
  neighbour_quarrel: [
    ['My neighbour', 'The woman next door'],
    ['shouts at us about the fence.', 'parks in front of our gate.', 'insults my wife.'],
    ['', 'Talking does not help.'],
  ],
  noise: [
    ['The neighbours', 'The cafe downstairs'],
    ['play loud music every night.', 'make noise until 3 am.'],
    ['', 'We cannot sleep.'],
  ],
  debt: [
    [
      'A friend owes me money and will not pay.',
      'My employer has not paid my salary.',
      'My cousin borrowed 500 dollars and hides from me.',
    ],
    ['', 'What can I do?'],
  ],
  lost_documents: [
    ['I lost my passport', 'I lost my ID card'],
    ['in a taxi.', 'at the market.'],
  ],
};

/** How many to draw per kind and language, in Uzbek for each script. */
const DRAWS: Record<'uz' | 'ru' | 'en', number> = { uz: 13, ru: 13, en: 6 };

function draw(parts: Parts, random: () => number): string {
  return parts
    .map((options) => options[Math.floor(random() * options.length)] ?? '')
    .filter((part) => part !== '')
    .join(' ')
    .replace(/,$/, '.');
}

function russianKeyboard(text: string): string {
  return text.replace(
    /[ўЎқҚғҒҳҲ]/g,
    (ch) => ({ ў: 'у', Ў: 'У', қ: 'к', Қ: 'К', ғ: 'г', Ғ: 'Г', ҳ: 'х', Ҳ: 'Х' })[ch] ?? ch,
  );
}

/** The whole labelled set, hand-written first. */
export function buildUrgencySet(): LabelledAppeal[] {
  const random = mulberry32(20261204);
  const urgent = new Set<string>(URGENT_KINDS);
  const out: LabelledAppeal[] = [];
  const seen = new Set<string>();
  const push = (text: string, kind: UrgencyLabel, language: UrgencyLanguage, source: 'hand' | 'template') => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ text, urgent: urgent.has(kind), kind, language, source });
  };
  for (const [language, items] of Object.entries(HAND_WRITTEN) as [
    UrgencyLanguage,
    (typeof HAND_WRITTEN)['en'],
  ][])
    for (const [kind, text] of items) push(text, kind, language, 'hand');
  for (const [kind, parts] of Object.entries(UZ) as [UrgencyLabel, Parts][]) {
    for (let i = 0; i < DRAWS.uz; i++) push(draw(parts, random), kind, 'uz-Latn', 'template');
    for (let i = 0; i < DRAWS.uz; i++) {
      const cyrillic = toCyrillic(draw(parts, random));
      push(i % 3 === 2 ? russianKeyboard(cyrillic) : cyrillic, kind, 'uz-Cyrl', 'template');
    }
  }
  for (const [kind, parts] of Object.entries(RU) as [UrgencyLabel, Parts][])
    for (let i = 0; i < DRAWS.ru; i++) push(draw(parts, random), kind, 'ru', 'template');
  for (const [kind, parts] of Object.entries(EN) as [UrgencyLabel, Parts][])
    for (let i = 0; i < DRAWS.en; i++) push(draw(parts, random), kind, 'en', 'template');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const set = buildUrgencySet();
  const path = new URL('../src/nlp/data/urgency-labelled.jsonl', import.meta.url);
  writeFileSync(path, `${set.map((item) => JSON.stringify(item)).join('\n')}\n`);
  const count = (f: (a: LabelledAppeal) => boolean) => set.filter(f).length;
  console.log(
    JSON.stringify({
      lines: set.length,
      urgent: count((a) => a.urgent),
      hand: count((a) => a.source === 'hand'),
      byLanguage: Object.fromEntries(
        ['uz-Latn', 'uz-Cyrl', 'ru', 'en'].map((l) => [l, count((a) => a.language === l)]),
      ),
    }),
  );
}
