import type {
  AnswerChannel,
  AnswerLanguage,
  AppealType,
  ApplicantKind,
  Outcome,
} from '../../contracts/enums.ts';
import type { PublicHistoryWords } from '../../contracts/public-history-words.ts';

/** A question and its answer on the home page. */
export interface Faq {
  q: string;
  a: string;
}

/** A label with a line of explanation under it. */
export interface Choice {
  name: string;
  hint: string;
}

/** Every string of the citizen portal, in one language. The compiler makes each language complete. */
export interface Messages {
  /** BCP 47 tag for `<html lang>`. */
  htmlLang: string;
  site: {
    name: string;
    tagline: string;
    skip: string;
    mainNav: string;
    languageNav: string;
    home: string;
    newAppeal: string;
    track: string;
    emergency: string;
    hotline: string;
    dataNotice: string;
  };
  common: {
    optional: string;
    errorPrefix: string;
    errorSummaryTitle: string;
    copy: string;
    copied: string;
    /** Month names as used after a day number. */
    months: readonly [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    date: (day: number, month: string, year: number) => string;
  };
  home: {
    title: string;
    lead: string;
    start: string;
    trackLink: string;
    urgentTitle: string;
    urgentText: string;
    canTitle: string;
    canItems: readonly string[];
    cannotTitle: string;
    cannotItems: readonly string[];
    deadlinesTitle: string;
    deadlineItems: readonly string[];
    trackTitle: string;
    trackText: string;
    faqTitle: string;
    faq: readonly Faq[];
  };
  types: Record<AppealType, Choice>;
  kinds: Record<ApplicantKind, Choice>;
  form: {
    title: string;
    complaintTitle: string;
    complaintLead: (number: string) => string;
    /** A complaint continues as the original appeal's applicant (name shown, contacts kept server-side). */
    continuingAs: (name: string, number: string) => string;
    otherDetails: string;
    intro: string;
    typeLegend: string;
    applicantLegend: string;
    personLegend: string;
    personNote: string;
    organizationLegend: string;
    organizationNote: string;
    contactLegend: string;
    contactNote: string;
    lastName: string;
    firstName: string;
    patronymic: string;
    pinfl: string;
    pinflHint: string;
    organization: string;
    representative: string;
    representativeHint: string;
    taxId: string;
    taxIdHint: string;
    address: string;
    addressHint: string;
    phone: string;
    phoneHint: string;
    email: string;
    signatories: string;
    signatoriesHint: string;
    territory: string;
    territoryHint: string;
    territoryNone: string;
    wholeRegion: (name: string) => string;
    district: string;
    category: string;
    categoryHint: string;
    categoryNone: string;
    suggestion: string;
    suggestionUse: string;
    text: string;
    textHint: string;
    textLimit: (min: string, max: string) => string;
    counter: (used: string, max: string) => string;
    locationLegend: string;
    locationHint: string;
    place: string;
    lat: string;
    lon: string;
    /** Said when the phone's position was added to the form. */
    located: (lat: string, lon: string) => string;
    locate: string;
    locating: string;
    locateFailed: string;
    answerLegend: string;
    answerLanguage: string;
    answerChannel: string;
    answerChannelHint: string;
    files: string;
    filesHint: (count: string, megabytes: string) => string;
    filesReselect: string;
    consentLegend: string;
    consent: string;
    consentPurpose: string;
    honeypot: string;
    submit: string;
    uploading: string;
    draftRestored: string;
    draftClear: string;
    csrfExpired: string;
    honeypotFilled: string;
    rateLimited: string;
    relatedInvalid: string;
  };
  answerLanguages: Record<AnswerLanguage, string>;
  answerChannels: Record<AnswerChannel, string>;
  done: {
    title: string;
    numberLabel: string;
    codeLabel: string;
    keep: string;
    receipt: string;
    nextTitle: string;
    registered: (date: string) => string;
    handover: (date: string) => string;
    routedAtOnce: string;
    forward: (date: string) => string;
    answer: (date: string) => string;
    proposalNotice: (date: string) => string;
    anonymous: string;
    track: string;
    another: string;
  };
  track: {
    title: string;
    lead: string;
    number: string;
    numberHint: string;
    code: string;
    codeHint: string;
    submit: string;
    again: string;
    statusTitle: (number: string) => string;
    status: string;
    type: string;
    received: string;
    due: string;
    unit: string;
    noUnit: string;
    stepsTitle: string;
    answerTitle: string;
    conclusionTitle: string;
    answeredAt: string;
    outcome: string;
    answerPdf: string;
    answerFiles: string;
    kilobytes: (n: string) => string;
    noAnswer: (date: string) => string;
    /** When anything last changed, and how the citizen hears of the next change. */
    lastUpdated: string;
    followHint: string;
    /** Before the bot's link: how to get this appeal's notices in Telegram. */
    telegramOffer: string;
    forwardedTo: (to: string) => string;
    receipt: string;
    rateTitle: string;
    rateLegend: string;
    ratingLabels: readonly [string, string, string, string, string];
    comment: string;
    rateSubmit: string;
    thanks: string;
    yourRating: (value: string) => string;
    complainTitle: string;
    complainText: string;
    complainButton: string;
    forget: string;
    forgetHint: string;
  };
  statuses: PublicHistoryWords['statuses'];
  events: PublicHistoryWords['events'];
  outcomes: Record<Outcome, string>;
  pages: {
    notFoundTitle: string;
    notFoundText: string;
    tooManyTitle: string;
    tooManyText: string;
    errorTitle: string;
    errorText: string;
    backHome: string;
  };
  verify: {
    title: string;
    lead: string;
    number: string;
    code: string;
    codeHint: string;
    submit: string;
    genuine: string;
    notFound: string;
    kind: string;
    date: string;
    body: string;
    signedBy: string;
    compare: string;
    link: string;
  };
  pdf: {
    receiptTitle: string;
    trackAt: string;
    qrHint: string;
    keepSecret: string;
    issued: (date: string) => string;
  };
  /** The chatbot's page: a question, the article that answers it, feedback and the ways on. */
  ask: {
    menu: string;
    title: string;
    lead: string;
    question: string;
    questionHint: string;
    submit: string;
    examplesTitle: string;
    examples: string[];
    emergencyTitle: string;
    answerTitle: string;
    source: (title: string) => string;
    noAnswerTitle: string;
    helpfulLegend: string;
    helpfulYes: string;
    helpfulNo: string;
    thanksFeedback: string;
    nextTitle: string;
    fileAppeal: string;
    talkToPerson: string;
    handoffLead: string;
    handoffQuestion: string;
    contact: string;
    contactHint: string;
    handoffSubmit: string;
    thanksHandoff: string;
    askAgain: string;
    homeTitle: string;
    homeText: string;
    /** The chat widget that every page offers (JavaScript opens it in place; without, it is a link here). */
    widget: {
      region: string;
      intro: string;
      close: string;
      you: string;
      thinking: string;
      failed: string;
      empty: string;
    };
  };
  stats: {
    link: string;
    title: string;
    lead: string;
    updated: (when: string) => string;
    notYet: string;
    suppressed: string;
    partialNote: string;
    byMonthTitle: string;
    byRegionTitle: string;
    byCategoryTitle: string;
    rankTitle: string;
    rankNote: string;
    officerTitle: string;
    officerNote: string;
    month: string;
    region: string;
    category: string;
    received: string;
    onTime: string;
    per10000: string;
    satisfied: string;
    explained: string;
    rejected: string;
    notStated: string;
    total: string;
    /** Month names standing alone (not after a day number). */
    monthNames: readonly [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    monthLabel: (month: string, year: string) => string;
    downloadTitle: string;
    downloadText: string;
    aboutData: string;
  };
  openData: {
    title: string;
    lead: string;
    licence: (name: string) => string;
    filesTitle: string;
    csv: string;
    json: string;
    monthFilter: (example: string) => string;
    privacyTitle: string;
    privacy: readonly string[];
    schemaTitle: string;
    column: string;
    meaning: string;
    columns: {
      month: string;
      region_code: string;
      category_code: string;
      type: string;
      received: string;
      answered_on_time: string;
      answered_late: string;
      outcome_satisfied: string;
      outcome_explained: string;
      outcome_rejected: string;
      per_10000: string;
      outcome_forwarded: string;
      outcome_not_considered: string;
    };
    statsLink: string;
  };
}
