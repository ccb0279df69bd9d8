import { publicHistoryWords } from '../../contracts/public-history-words.ts';
import type { BotMessages } from './bot-messages.ts';

export const en: BotMessages = {
  languageName: 'English',
  emergency:
    '🚨 If a life is in danger, call at once: 102 for the police, 112 for the single emergency service. An appeal is not an emergency call.',
  menu: 'Appeals to the bodies of internal affairs. What would you like to do?',
  buttons: {
    file: 'File an appeal',
    status: 'Check an appeal',
    help: 'Help',
    skip: 'Skip',
    done: 'Done',
    agree: 'I agree',
    cancel: 'Cancel',
    sharePhone: 'Share my phone number',
    complain: 'Complain to the higher unit',
    follow: 'Send notices here',
  },
  offerFollow: 'Want each step of this appeal and its answer sent to this chat?',
  following: (number) => `Done: every step of ${number} and its answer will come to this chat.`,
  followClosed: 'This appeal is already closed: nothing more will be sent.',
  offerComplaint:
    'Not satisfied with the answer? Within a year you may complain to the higher unit: it examines the appeal again.',
  complaintAbout: (number) =>
    `Complaint about the answer to ${number}. Your details are taken from that appeal: only write what you disagree with.`,
  help:
    'This bot takes appeals (applications, proposals and complaints) to the bodies of internal affairs, under the same rules as the web portal.\n\n' +
    '/new — file an appeal\n/status — check an appeal by its number and access code, e.g. /status IIV-2026-0000123 ABCD1234\n/start — choose the language\n/cancel — stop filling in\n\n' +
    'An appeal is answered within 15 days, or within a month when it needs extra study. Hotline: 1102.',
  askType: 'What kind of appeal is it?',
  types: {
    ariza: 'Application: asking for a right to be realised',
    taklif: 'Proposal: how to improve the work',
    shikoyat: 'Complaint: a right was violated',
  },
  askKind: 'Who is appealing?',
  kinds: {
    individual: 'A person',
    legal_entity: 'An organisation',
    anonymous: 'Anonymous (it is registered, but not examined unless it reports a crime or a danger)',
  },
  askLastName: 'Your last name?',
  askFirstName: 'Your first name (and patronymic, if you like)?',
  askOrganization: 'The name of the organisation?',
  askRegion: 'Choose the region:',
  askDistrict: 'Choose the district or city:',
  askAddress: 'Your address: street, house, apartment, mahalla?',
  askPhone: 'Share your phone number with the button below, or skip.',
  phoneNotOwn: 'Please share your own number with the button below.',
  phoneInvalid:
    'This is not an Uzbek phone number; it is left out. You can still be reached here in Telegram.',
  askText: (min, max) => `Describe your appeal in one message (from ${min} to ${max} characters).`,
  tooShort: (min) => `That is too short: write at least ${min} characters.`,
  tooLong: (max) => `That is too long: at most ${max} characters.`,
  askFiles: (max) =>
    `You may send up to ${max} photos or documents (PDF, Word, Excel). Press “Done” when finished.`,
  fileKept: (count, max) => `File received (${count} of ${max}).`,
  fileRefused: 'This file was not accepted: only photos, PDF and office documents up to 10 MB.',
  fileStorageDown:
    'The file could not be saved just now (our file storage is unavailable). Please send it again in a few minutes.',
  tooManyFiles: (max) => `No more than ${max} files.`,
  askConsent:
    'Your personal data is used only to examine this appeal, as the law on personal data requires. Do you agree?',
  registered: (number, code, due) =>
    `Your appeal is registered.\nNumber: ${number}\nAccess code: ${code}\nAnswer due by ${due}.\n\nKeep the code: with the number it shows your appeal (/status). Changes will be sent to this chat.`,
  cancelled: 'Stopped. Nothing was sent.',
  askNumber: 'The appeal number (e.g. IIV-2026-0000123)?',
  askCode: 'The access code (8 letters and digits)?',
  badNumber: 'That is not an appeal number. It looks like IIV-2026-0000123.',
  notFound: 'No appeal with this number and access code.',
  rateLimited: 'Too many wrong codes. Please try again later.',
  statusTitle: (number) => `Appeal ${number}`,
  dueLabel: 'Answer due by',
  historyTitle: 'History:',
  answerTitle: 'Answer:',
  statuses: publicHistoryWords.en.statuses,
  events: publicHistoryWords.en.events,
  askRating: 'How do you rate the answer? (1 — very poor, 5 — excellent)',
  rated: 'Thank you: your rating is recorded.',
  ratingNotAllowed: 'This answer cannot be rated (already rated, or not answered yet).',
  useButtons: 'Please choose with the buttons, or send /help.',
  failed: 'Something went wrong. Please try again a little later.',
  chatSource: (title) => `Source: the article “${title}”. Was this answer helpful?`,
  chatHelpful: 'Yes, it helped',
  chatNotHelpful: 'No',
  chatThanks: 'Thank you! Your feedback helps us improve the answers.',
  staffLinked:
    'This chat now receives your notices as a staff member of the Murojaat system. Turn them off or unlink the chat in the console, under “My notices”.',
  staffLinkRefused:
    'The code is wrong, has expired or was already used. Get a new code in the console, under “My notices”.',
};
