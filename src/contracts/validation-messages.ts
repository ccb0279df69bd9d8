import type { CitizenLanguage } from './enums.ts';
import type { FieldError } from './errors.ts';

type Template = (n: string) => string;
const messageKeys = [
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooBig',
  'tooFewItems',
  'tooManyItems',
  'choose',
  'wrongType',
  'email',
  'phone',
  'pinfl',
  'consent',
  'rating',
  'format',
  'appealNumber',
  'accessCode',
  'letterCode',
  'coordinates',
  'unknownTerritory',
  'unknownCategory',
  'unknownUnit',
  'date',
  'dayRange',
  'staffOnly',
  'invalid',
] as const;
/** Message keys a custom check may name in its `params.message`. */
export type MessageKey = (typeof messageKeys)[number];
type Messages = Record<CitizenLanguage, Record<MessageKey, Template>>;

// Field messages people read next to a form field, in every interface language. Keys are the kinds
// of problem, not fields, so a new field needs no new text.
const messages: Messages = {
  uz: {
    required: () => 'Bu maydonni toʻldiring.',
    tooShort: (n) => `Kamida ${n} ta belgi kiriting.`,
    tooLong: (n) => `Koʻpi bilan ${n} ta belgi boʻlishi mumkin.`,
    tooSmall: (n) => `Qiymat ${n} dan kichik boʻlmasligi kerak.`,
    tooBig: (n) => `Qiymat ${n} dan katta boʻlmasligi kerak.`,
    tooFewItems: (n) => `Kamida ${n} ta tanlang.`,
    tooManyItems: (n) => `Koʻpi bilan ${n} ta tanlash mumkin.`,
    choose: () => 'Roʻyxatdan birini tanlang.',
    wrongType: () => 'Qiymat notoʻgʻri turda.',
    email: () => 'Elektron pochta manzilini toʻgʻri kiriting, masalan: ism@pochta.uz.',
    phone: () => 'Telefon raqamini +998 XX XXX XX XX koʻrinishida kiriting.',
    pinfl: () => 'JSHSHIR 14 ta raqamdan iborat.',
    consent: () => 'Shaxsga doir maʼlumotlarni qayta ishlashga rozilik bildiring.',
    rating: () => 'Bahoni tanlang.',
    format: () => 'Qiymat notoʻgʻri koʻrinishda.',
    appealNumber: () =>
      'Murojaat raqamini IIV-2026-0001234 koʻrinishida kiriting (u kvitansiyada va javob xatida bor).',
    accessCode: () => 'Maxfiy kod 8 ta harf va raqamdan iborat, masalan: 8VV8FBZR.',
    letterCode: () => 'Tekshiruv kodi 10 ta harf va raqamdan iborat, masalan: 7KQ2M-9TXAB.',
    coordinates: () => 'Kenglik va uzunlik birga kiritiladi.',
    unknownTerritory: () => 'Bunday hudud topilmadi.',
    unknownCategory: () => 'Bunday toifa topilmadi.',
    unknownUnit: () => 'Bunday boʻlinma topilmadi.',
    date: () => 'Sanani YYYY-MM-DD koʻrinishida kiriting.',
    dayRange: () => 'Sana 1991-09-01 dan 2099-12-31 gacha boʻlishi kerak.',
    staffOnly: () => 'Bu qiymatni faqat xodim belgilashi mumkin.',
    invalid: () => 'Qiymat notoʻgʻri.',
  },
  oz: {
    required: () => 'Бу майдонни тўлдиринг.',
    tooShort: (n) => `Камида ${n} та белги киритинг.`,
    tooLong: (n) => `Кўпи билан ${n} та белги бўлиши мумкин.`,
    tooSmall: (n) => `Қиймат ${n} дан кичик бўлмаслиги керак.`,
    tooBig: (n) => `Қиймат ${n} дан катта бўлмаслиги керак.`,
    tooFewItems: (n) => `Камида ${n} та танланг.`,
    tooManyItems: (n) => `Кўпи билан ${n} та танлаш мумкин.`,
    choose: () => 'Рўйхатдан бирини танланг.',
    wrongType: () => 'Қиймат нотўғри турда.',
    email: () => 'Электрон почта манзилини тўғри киритинг, масалан: ism@pochta.uz.',
    phone: () => 'Телефон рақамини +998 XX XXX XX XX кўринишида киритинг.',
    pinfl: () => 'ЖШШИР 14 та рақамдан иборат.',
    consent: () => 'Шахсга доир маълумотларни қайта ишлашга розилик билдиринг.',
    rating: () => 'Баҳони танланг.',
    format: () => 'Қиймат нотўғри кўринишда.',
    appealNumber: () =>
      'Мурожаат рақамини IIV-2026-0001234 кўринишида киритинг (у квитанцияда ва жавоб хатида бор).',
    accessCode: () => 'Махфий код 8 та ҳарф ва рақамдан иборат, масалан: 8VV8FBZR.',
    letterCode: () => 'Текширув коди 10 та ҳарф ва рақамдан иборат, масалан: 7KQ2M-9TXAB.',
    coordinates: () => 'Кенглик ва узунлик бирга киритилади.',
    unknownTerritory: () => 'Бундай ҳудуд топилмади.',
    unknownCategory: () => 'Бундай тоифа топилмади.',
    unknownUnit: () => 'Бундай бўлинма топилмади.',
    date: () => 'Санани YYYY-MM-DD кўринишида киритинг.',
    dayRange: () => 'Сана 1991-09-01 дан 2099-12-31 гача бўлиши керак.',
    staffOnly: () => 'Бу қийматни фақат ходим белгилаши мумкин.',
    invalid: () => 'Қиймат нотўғри.',
  },
  ru: {
    required: () => 'Заполните это поле.',
    tooShort: (n) => `Введите не менее ${n} символов.`,
    tooLong: (n) => `Не более ${n} символов.`,
    tooSmall: (n) => `Значение не может быть меньше ${n}.`,
    tooBig: (n) => `Значение не может быть больше ${n}.`,
    tooFewItems: (n) => `Выберите не менее ${n}.`,
    tooManyItems: (n) => `Можно выбрать не более ${n}.`,
    choose: () => 'Выберите значение из списка.',
    wrongType: () => 'Неверный тип значения.',
    email: () => 'Введите адрес электронной почты, например: name@mail.uz.',
    phone: () => 'Введите номер телефона в виде +998 XX XXX XX XX.',
    pinfl: () => 'ПИНФЛ состоит из 14 цифр.',
    consent: () => 'Дайте согласие на обработку персональных данных.',
    rating: () => 'Выберите оценку.',
    format: () => 'Неверный формат значения.',
    appealNumber: () =>
      'Введите номер обращения в виде IIV-2026-0001234 (он указан в квитанции и в письме с ответом).',
    accessCode: () => 'Секретный код состоит из 8 букв и цифр, например: 8VV8FBZR.',
    letterCode: () => 'Проверочный код состоит из 10 букв и цифр, например: 7KQ2M-9TXAB.',
    coordinates: () => 'Широта и долгота указываются вместе.',
    unknownTerritory: () => 'Такая территория не найдена.',
    unknownCategory: () => 'Такая категория не найдена.',
    unknownUnit: () => 'Такое подразделение не найдено.',
    date: () => 'Введите дату в виде ГГГГ-ММ-ДД.',
    dayRange: () => 'Дата должна быть с 1991-09-01 по 2099-12-31.',
    staffOnly: () => 'Это значение может указать только сотрудник.',
    invalid: () => 'Неверное значение.',
  },
  en: {
    required: () => 'Fill in this field.',
    tooShort: (n) => `Enter at least ${n} characters.`,
    tooLong: (n) => `Use at most ${n} characters.`,
    tooSmall: (n) => `The value must be at least ${n}.`,
    tooBig: (n) => `The value must be at most ${n}.`,
    tooFewItems: (n) => `Choose at least ${n}.`,
    tooManyItems: (n) => `Choose at most ${n}.`,
    choose: () => 'Choose one of the listed values.',
    wrongType: () => 'The value has the wrong type.',
    email: () => 'Enter an e-mail address, for example name@mail.uz.',
    phone: () => 'Enter the phone number as +998 XX XXX XX XX.',
    pinfl: () => 'A personal number (PINFL) has 14 digits.',
    consent: () => 'Agree to the processing of your personal data.',
    rating: () => 'Choose a rating.',
    format: () => 'The value is not in the expected format.',
    appealNumber: () =>
      'Enter the appeal number as IIV-2026-0001234 (it is on your receipt and on the answer letter).',
    accessCode: () => 'The secret code has 8 letters and digits, for example 8VV8FBZR.',
    letterCode: () => 'The check code has 10 letters and digits, for example 7KQ2M-9TXAB.',
    coordinates: () => 'Give latitude and longitude together.',
    unknownTerritory: () => 'No such territory.',
    unknownCategory: () => 'No such category.',
    unknownUnit: () => 'No such unit.',
    date: () => 'Enter the date as YYYY-MM-DD.',
    dayRange: () => 'The date must be from 1991-09-01 to 2099-12-31.',
    staffOnly: () => 'Only staff may set this value.',
    invalid: () => 'The value is not valid.',
  },
  // Karakalpak (Latin): awaiting review by a native speaker (docs/karakalpak.md).
  kaa: {
    required: () => 'Bul maydandı toltırıń.',
    tooShort: (n) => `Keminde ${n} belgi kiritiń.`,
    tooLong: (n) => `Kóbi menen ${n} belgi bolıwı múmkin.`,
    tooSmall: (n) => `Mánis keminde ${n} bolıwı kerek.`,
    tooBig: (n) => `Mánis kóbi menen ${n} bolıwı kerek.`,
    tooFewItems: (n) => `Keminde ${n} tańlań.`,
    tooManyItems: (n) => `Kóbi menen ${n} tańlawǵa boladı.`,
    choose: () => 'Dizimnen birin tańlań.',
    wrongType: () => 'Mánistiń túri qáte.',
    email: () => 'Elektron pochta mánzilin durıs kiritiń, mısalı: atı@pochta.uz.',
    phone: () => 'Telefon nomerin +998 XX XXX XX XX túrinde kiritiń.',
    pinfl: () => 'JShShIR 14 sannan ibarat.',
    consent: () => 'Jeke maǵlıwmatlardı qayta islewge razılıq beriń.',
    rating: () => 'Bahanı tańlań.',
    format: () => 'Mánis qáte túrde jazılǵan.',
    appealNumber: () =>
      'Murájat nomerin IIV-2026-0001234 túrinde kiritiń (ol kvitanciyada hám juwap xatında bar).',
    accessCode: () => 'Jasırın kod 8 hárip hám sannan ibarat, mısalı: 8VV8FBZR.',
    letterCode: () => 'Tekseriw kodı 10 hárip hám sannan ibarat, mısalı: 7KQ2M-9TXAB.',
    coordinates: () => 'Keńlik hám uzınlıq birge kiritiledi.',
    unknownTerritory: () => 'Bunday aymaq tabılmadı.',
    unknownCategory: () => 'Bunday tema tabılmadı.',
    unknownUnit: () => 'Bunday bólim tabılmadı.',
    date: () => 'Sáneni YYYY-MM-DD túrinde kiritiń.',
    dayRange: () => 'Sáne 1991-09-01 den 2099-12-31 ge shekem bolıwı kerek.',
    staffOnly: () => 'Bul mánisti tek xızmetker belgilewi múmkin.',
    invalid: () => 'Mánis qáte.',
  },
};

/** The people-facing text of one message key. */
export function fieldMessage(key: MessageKey, language: CitizenLanguage, n = ''): string {
  return messages[language][key](n);
}

function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && messageKeys.some((key) => key === value);
}

/** The parts of a zod issue the messages use; also what fastify's validation errors carry. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
  params?: unknown;
  /** A schema may name a message key as its error message (e.g. `consent`). */
  message?: unknown;
}

function keyOf(issue: IssueLike): { key: MessageKey; n?: string } {
  if (isMessageKey(issue.message)) return { key: issue.message };
  const countable = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === null ? 'required' : 'wrongType' };
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string')
        return issue.minimum === 1 ? { key: 'required' } : { key: 'tooShort', n };
      return countable ? { key: 'tooFewItems', n } : { key: 'tooSmall', n };
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return { key: 'tooLong', n };
      return countable ? { key: 'tooManyItems', n } : { key: 'tooBig', n };
    }
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'choose' };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'email' : issue.format === 'date' ? 'date' : 'format' };
    case 'custom': {
      const named =
        issue.params && typeof issue.params === 'object' && 'message' in issue.params
          ? issue.params.message
          : undefined;
      return isMessageKey(named) ? { key: named } : { key: 'invalid' };
    }
    default:
      return { key: 'invalid' };
  }
}

/** Turns zod issues into field errors whose paths match the form field names (`applicant.lastName`). */
export function fieldErrors(issues: readonly IssueLike[], language: CitizenLanguage): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (seen.has(path)) continue;
    seen.add(path);
    const { key, n } = keyOf(issue);
    out.push({ path, message: fieldMessage(key, language, n) });
  }
  return out;
}
