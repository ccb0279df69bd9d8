import type { AppealType, CitizenLanguage } from '../../contracts/enums.ts';
import type { PublicHistoryWords } from '../../contracts/public-history-words.ts';
import { en } from './bot-messages.en.ts';
import { kaa } from './bot-messages.kaa.ts';
import { oz } from './bot-messages.oz.ts';
import { ru } from './bot-messages.ru.ts';
import { uz } from './bot-messages.uz.ts';

/** The applicant kinds the bot offers, as the portal's form does. */
export type BotApplicantKind = 'individual' | 'legal_entity' | 'anonymous';

/** Every text the Telegram bot sends, in one language. The compiler makes each language complete. */
export interface BotMessages {
  /** This language's own name, on the /start buttons. */
  languageName: string;
  emergency: string;
  menu: string;
  buttons: {
    file: string;
    status: string;
    help: string;
    skip: string;
    done: string;
    agree: string;
    cancel: string;
    sharePhone: string;
    complain: string;
    follow: string;
  };
  /** Under an open appeal's status: its notices and answer can come to this chat. */
  offerFollow: string;
  following(number: string): string;
  followClosed: string;
  /** Under an answered appeal's status: the complaint to the higher unit, within a year. */
  offerComplaint: string;
  /** Before the complaint's text: which appeal it is about, and that the details are taken from it. */
  complaintAbout(number: string): string;
  help: string;
  askType: string;
  types: Record<AppealType, string>;
  askKind: string;
  kinds: Record<BotApplicantKind, string>;
  askLastName: string;
  askFirstName: string;
  askOrganization: string;
  askRegion: string;
  askDistrict: string;
  askAddress: string;
  askPhone: string;
  phoneNotOwn: string;
  phoneInvalid: string;
  askText: (min: number, max: number) => string;
  tooShort: (min: number) => string;
  tooLong: (max: number) => string;
  askFiles: (max: number) => string;
  fileKept: (count: number, max: number) => string;
  fileRefused: string;
  /** The file store is down: the file was not kept, sending it again later will work. */
  fileStorageDown: string;
  tooManyFiles: (max: number) => string;
  askConsent: string;
  registered: (number: string, accessCode: string, dueDay: string) => string;
  cancelled: string;
  askNumber: string;
  askCode: string;
  badNumber: string;
  notFound: string;
  rateLimited: string;
  statusTitle: (number: string) => string;
  dueLabel: string;
  historyTitle: string;
  answerTitle: string;
  statuses: PublicHistoryWords['statuses'];
  events: PublicHistoryWords['events'];
  askRating: string;
  rated: string;
  ratingNotAllowed: string;
  useButtons: string;
  failed: string;
  /** The chatbot, for a question typed at the menu: where its answer comes from, and "was this helpful?". */
  chatSource: (title: string) => string;
  chatHelpful: string;
  chatNotHelpful: string;
  chatThanks: string;
  /** A staff member linked this chat for their own notices (said in their console language). */
  staffLinked: string;
  /** A staff link code that is wrong, expired or used: one answer for all three. */
  staffLinkRefused: string;
}

const catalogue: Record<CitizenLanguage, BotMessages> = { uz, oz, ru, en, kaa };

/** The bot's texts in one language. */
export function botMessages(language: CitizenLanguage): BotMessages {
  return catalogue[language];
}

/** What /start says before a language is chosen: the one question, in all five languages. */
export const chooseLanguage = [
  'Tilni tanlang',
  'Тилни танланг',
  'Выберите язык',
  'Choose your language',
  'Tildi tańlań',
].join(' · ');

/** The emergency numbers in all five languages, for a chat whose language is not known yet. */
export function emergencyInEveryLanguage(): string {
  return [uz, oz, ru, en, kaa].map((m) => m.emergency).join('\n\n');
}
