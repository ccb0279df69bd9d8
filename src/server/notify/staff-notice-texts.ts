import type { UiLanguage } from '../../contracts/enums.ts';
import type { StaffNoticesTable } from '../db/schema.ts';

// What a staff notice says when it leaves the server by e-mail or Telegram, and the e-mail that confirms a
// staff member's address. Pure. A notice names only what happened and the appeal's number, with a link
// to the console: never the applicant, their contacts or the appeal's text, because police data must not
// travel through a mailbox or a messenger.

type Kind = StaffNoticesTable['kind'];

interface Wording {
  kinds: Record<Kind, string>;
  appeal: string;
  account: string;
  open: string;
  footer: string;
  confirmSubject: string;
  confirmText: (code: string, minutes: number) => string;
}

const wordings: Record<UiLanguage, Wording> = {
  uz: {
    kinds: {
      assigned: 'Sizga murojaat biriktirildi',
      returned: 'Javob loyihasi sizga qaytarildi',
      awaiting_approval: 'Murojaat tasdiqlashingizni kutmoqda',
      due_soon: 'Murojaat muddati yaqinlashmoqda',
      overdue: 'Murojaat muddati oʻtdi',
      surge_alert: 'Hududda murojaatlar keskin koʻpaydi',
      new_device: 'Hisobga yangi qurilmadan kirildi',
      sign_in_failures: 'Hisobga kirishda bir necha marta xato qilindi',
    },
    appeal: 'Murojaat',
    account: 'Hisob',
    open: 'Konsolda ochish',
    footer: 'Murojaat tizimining avtomatik xabari.',
    confirmSubject: 'Elektron pochtangizni tasdiqlash kodi',
    confirmText: (code, minutes) =>
      `Bildirishnomalar uchun elektron pochtani tasdiqlash kodi: ${code}\nKod ${minutes} daqiqa amal qiladi. Agar buni siz soʻramagan boʻlsangiz, xatga eʼtibor bermang.`,
  },
  oz: {
    kinds: {
      assigned: 'Сизга мурожаат бириктирилди',
      returned: 'Жавоб лойиҳаси сизга қайтарилди',
      awaiting_approval: 'Мурожаат тасдиқлашингизни кутмоқда',
      due_soon: 'Мурожаат муддати яқинлашмоқда',
      overdue: 'Мурожаат муддати ўтди',
      surge_alert: 'Ҳудудда мурожаатлар кескин кўпайди',
      new_device: 'Ҳисобга янги қурилмадан кирилди',
      sign_in_failures: 'Ҳисобга киришда бир неча марта хато қилинди',
    },
    appeal: 'Мурожаат',
    account: 'Ҳисоб',
    open: 'Консолда очиш',
    footer: 'Мурожаат тизимининг автоматик хабари.',
    confirmSubject: 'Электрон почтангизни тасдиқлаш коди',
    confirmText: (code, minutes) =>
      `Билдиришномалар учун электрон почтани тасдиқлаш коди: ${code}\nКод ${minutes} дақиқа амал қилади. Агар буни сиз сўрамаган бўлсангиз, хатга эътибор берманг.`,
  },
  ru: {
    kinds: {
      assigned: 'Вам назначено обращение',
      returned: 'Проект ответа возвращён вам',
      awaiting_approval: 'Обращение ожидает вашего утверждения',
      due_soon: 'Приближается срок обращения',
      overdue: 'Срок обращения истёк',
      surge_alert: 'Резкий рост числа обращений на территории',
      new_device: 'Вход в учётную запись с нового устройства',
      sign_in_failures: 'Несколько неудачных попыток входа в учётную запись',
    },
    appeal: 'Обращение',
    account: 'Учётная запись',
    open: 'Открыть в консоли',
    footer: 'Автоматическое сообщение системы Murojaat.',
    confirmSubject: 'Код подтверждения электронной почты',
    confirmText: (code, minutes) =>
      `Код подтверждения почты для уведомлений: ${code}\nКод действует ${minutes} минут. Если вы его не запрашивали, не обращайте внимания на это письмо.`,
  },
  en: {
    kinds: {
      assigned: 'An appeal was assigned to you',
      returned: 'A draft answer was returned to you',
      awaiting_approval: 'An appeal awaits your approval',
      due_soon: 'An appeal’s deadline is near',
      overdue: 'An appeal is overdue',
      surge_alert: 'A surge of appeals in a territory',
      new_device: 'Sign-in to the account from a new device',
      sign_in_failures: 'Repeated failed sign-in attempts on the account',
    },
    appeal: 'Appeal',
    account: 'Account',
    open: 'Open in the console',
    footer: 'An automatic message of the Murojaat system.',
    confirmSubject: 'Your e-mail confirmation code',
    confirmText: (code, minutes) =>
      `Your code to confirm this e-mail address for notices: ${code}\nIt works for ${minutes} minutes. If you did not ask for it, ignore this message.`,
  },
};

/** The staff member's console language, or Uzbek for anything else. */
export function staffLanguage(language: string): UiLanguage {
  return language === 'oz' || language === 'ru' || language === 'en' ? language : 'uz';
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A staff notice for e-mail or Telegram: what happened, the appeal's number (or, for a sign-in alert, the
 * login of the account concerned), and the console's address when PUBLIC_URL is known. Nothing else.
 */
export function composeStaffNotice(facts: {
  kind: Kind;
  language: UiLanguage;
  number: string | null;
  account?: string | null;
  consoleUrl: string | null;
}): { subject: string; text: string; html: string } {
  const w = wordings[facts.language];
  const title = w.kinds[facts.kind];
  const [what, name] = facts.number !== null ? [w.appeal, facts.number] : [w.account, facts.account ?? ''];
  const subject = `${title}: ${name}`;
  const lines = [`${title}.`, `${what}: ${name}`];
  if (facts.consoleUrl) lines.push(`${w.open}: ${facts.consoleUrl}`);
  const link = facts.consoleUrl
    ? `<p><a href="${escapeHtml(facts.consoleUrl)}">${escapeHtml(w.open)}</a></p>`
    : '';
  return {
    subject,
    text: [...lines, '', w.footer].join('\n'),
    html: `<p>${escapeHtml(title)}.</p><p>${escapeHtml(what)}: <b>${escapeHtml(name)}</b></p>${link}<p><small>${escapeHtml(w.footer)}</small></p>`,
  };
}

/** The e-mail that carries a staff member's one-time confirmation code. */
export function composeEmailConfirmation(facts: { language: UiLanguage; code: string; minutes: number }): {
  subject: string;
  text: string;
  html: string;
} {
  const w = wordings[facts.language];
  const text = w.confirmText(facts.code, facts.minutes);
  return {
    subject: w.confirmSubject,
    text: `${text}\n\n${w.footer}`,
    html: `${text
      .split('\n')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}<p><small>${escapeHtml(w.footer)}</small></p>`,
  };
}
