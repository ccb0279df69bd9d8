/**
 * Complaints about a police officer's own conduct (rudeness, bribes, beating, unlawful detention
 * or search, refusing to accept a report), which the law sends to internal security and which the
 * officer named must never see; plus the badge numbers, names with ranks and units mentioned.
 *
 * Detection needs both a reference to police staff and a kind of misconduct, matched on the loose
 * key (any script, any apostrophes). Mentions are read from the text as written, since names and
 * unit abbreviations keep their case there.
 */

import { looseKey, normalizeText } from './normalize.ts';

export type MisconductKind = 'rudeness' | 'bribery' | 'violence' | 'unlawful_detention' | 'refusal';

export interface OfficerMentions {
  badges: string[];
  names: string[];
  units: string[];
}

export interface OfficerComplaint {
  aboutOfficer: boolean;
  confidence: number;
  kinds: MisconductKind[];
  mentions: OfficerMentions;
}

const OFFICER =
  /\b(?:politsiya\w*|politsiyachi\w*|militsi\w*|uchastka\w*|uchastkov\w*|inspektor\w*|yhxx|ypx|dps|gai|yhhb|iib\w* xodim\w*|xodim\w*|tergovchi\w*|surishtiruvchi\w*|navbatchi\w*|patrul\w*|sotrudnik\w*|politsey\w*|sledovatel\w*|doznavatel\w*|operupolnomoch\w*|opera|operativnik\w*|dejurn\w*|police\w*|policeman|policemen|cop|cops|officer\w*|inspector\w*|investigator\w*|detective\w*)\b/;

const MISCONDUCT: readonly { kind: MisconductKind; pattern: RegExp }[] = [
  {
    kind: 'rudeness',
    pattern:
      /\b(?:[qk]opol\w*|ha[qk]orat\w*|sokin\w*|so[kq]di|ba[qk]ir\w*|odobsiz\w*|xorla\w*|sharmanda\w*|nagrub\w*|grub\w*|oskorb\w*|xamstv\w*|xamski|po xamski|krich\w*|unij\w*|netsenzur\w*|rude\w*|insult\w*|shout\w*|swore|swear\w*|humiliat\w*|disrespect\w*|harass\w*|mock\w*)\b/,
  },
  {
    kind: 'bribery',
    pattern:
      /\b(?:pora\w*|tovlamachi\w*|vzyat\w*|vimog\w*|vymog\w*|bribe\w*|extort\w*)\b|\bpul (?:talab|so\w*r\w*)|\b(?:trebu\w*|beru\w*|vzyal\w*) (?:\w+ )?den\w*|\b(?:demand\w*|ask\w*|take|took|takes) (?:\w+ ){0,2}(?:money|cash)\b/,
  },
  {
    kind: 'violence',
    pattern:
      /\b(?:kaltakla\w*|urdi\w*|urib\w*|doppos\w*|izbi\w*|pitk\w*|pitat\w*|beat\w*|tortur\w*|used force|primenil\w* silu)\b/,
  },
  {
    kind: 'unlawful_detention',
    pattern:
      /\b(?:asossiz ushla\w*|ushlab turish\w*|[qk]amab|tintuv\w*|sanksiyasiz\w*|zaderj\w*|obisk\w*|bez sanktsii|detain\w*|arrest\w*|searched|without a warrant|held (?:at|in) the)\b/,
  },
  {
    kind: 'refusal',
    pattern:
      /\b(?:[qk]abul [qk]ilmadi|[qk]abul [qk]ilishmadi|otkaza\w* prinya\w*|otkazal\w* prinya\w*|refused to accept|would not accept)\b/,
  },
];

/** A word list as a regex alternation that accepts each word with a capital or small first letter. */
function words(list: string): string {
  return list
    .split('|')
    .map((word) => `[${word.charAt(0)}${word.charAt(0).toUpperCase()}]${word.slice(1)}`)
    .join('|');
}

const RANK = `(?:(?:${words('katta|kichik|катта|кичик|старший|младший|senior|junior')})\\s+)?(?:${words(
  'leytenant|kapitan|mayor|podpolkovnik|polkovnik|serjant|starshina|praporshik|inspektor|tergovchi|surishtiruvchi|' +
    'лейтенант|капитан|майор|подполковник|полковник|сержант|старшина|прапорщик|инспектор|терговчи|участковый|' +
    'следователь|дознаватель|оперуполномоченный|officer|sergeant|lieutenant|captain|major|inspector|detective|investigator',
)})`;
const RANK_PREFIX = new RegExp(`^(?:${RANK})\\s+`, 'u');
const UNIT_ABBREVIATION =
  'IIBB|IIB|IIV|IIO|YHXX|YHHB|YPX|ИИББ|ИИБ|ИИВ|ИИО|ЙҲХХ|ЙҲХБ|ЙПХ|ГУВД|РУВД|УВД|ОВД|ГАИ|ДПС|ППС|МВД|ПДН';
const NAME_AFTER_RANK = new RegExp(
  `(?<![\\p{L}])(?:${RANK})(?:\\s+(?:${UNIT_ABBREVIATION}))?\\s+(\\p{Lu}[\\p{Ll}ʻʼ'-]+(?:\\s+\\p{Lu}\\.(?:\\s?\\p{Lu}\\.)?|\\s+\\p{Lu}[\\p{Ll}ʻʼ'-]+)?)`,
  'gu',
);
const BADGE =
  /(?:jeton|nishon\w*|belgi\w*|жетон\p{L}*|нишон\p{L}*|знак\p{L}*|badge|token)(?:\s+(?:raqami|рақами|номер|number|no\.?))?\s*[:№#-]?\s*№?\s*((?:[A-ZА-Я]{1,3}[- ]?)?\d[\d-]{1,9}\d)(?![\d\p{L}])/giu;
const UNIT = new RegExp(
  `((?:\\p{Lu}[\\p{L}ʻʼ'-]+\\s+){0,2}(?:(?:tumani|tuman|shahar|shahri|viloyati|viloyat|туман|тумани|шаҳар|района?|города|области)\\s+)?)(${UNIT_ABBREVIATION})(?![\\p{L}])((?:\\s+(?:города|г\\.|области|района)\\s+\\p{Lu}[\\p{L}-]+)?)`,
  'gu',
);

// Capitalised words that open a letter or a sentence, never part of a unit's name ("Hurmatli IIB" is
// "Dear police", "Kecha Mirobod IIB" is "Yesterday, Mirobod police").
const NOT_A_PLACE = new Set(
  (
    'hurmatli|assalomu|alaykum|salom|kecha|bugun|ertaga|men|biz|bu|ushbu|iltimos|хурматли|ҳурматли|' +
    'ассалому|алайкум|салом|кеча|бугун|эртага|мен|биз|бу|ушбу|илтимос|уважаемый|уважаемая|уважаемые|' +
    'здравствуйте|вчера|сегодня|я|мы|прошу|dear|hello|yesterday|today|hurmetli|sálem|keshe|búgin'
  ).split('|'),
);

/** The place words before a unit abbreviation, without the greeting or opener that may precede them. */
function placeWords(prefix: string): string {
  const found = prefix
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  let from = 0;
  found.forEach((word, at) => {
    if (NOT_A_PLACE.has(word.toLowerCase())) from = at + 1;
  });
  const kept = found.slice(from).join(' ');
  return kept === '' ? '' : `${kept} `;
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((item) => item.replace(/\s+/g, ' ').trim()).filter((item) => item !== ''))];
}

/** Badge numbers, officers' names with their rank, and units named in an appeal. */
export function extractOfficerMentions(text: string): OfficerMentions {
  const clean = normalizeText(text);
  const badges = [...clean.matchAll(BADGE)].map((m) => (m[1] ?? '').replace(/\s/g, ''));
  // A capitalised word after a rank is a name unless it is a unit abbreviation or sentence start noise.
  const names = [...clean.matchAll(NAME_AFTER_RANK)]
    .filter((m) => /\p{Ll}/u.test(m[1] ?? ''))
    .map((m) => m[0]);
  // "Inspektor YHXX": the rank is part of the name, not of the unit.
  const units = [...clean.matchAll(UNIT)].map(
    (m) => `${placeWords((m[1] ?? '').replace(RANK_PREFIX, ''))}${m[2] ?? ''}${m[3] ?? ''}`,
  );
  return { badges: unique(badges), names: unique(names), units: unique(units) };
}

/** Decides whether an appeal complains about a police officer and extracts who and where. */
export function detectOfficerComplaint(text: string, textLooseKey?: string): OfficerComplaint {
  const key = ` ${textLooseKey ?? looseKey(text)} `;
  const mentions = extractOfficerMentions(text);
  const refersToOfficer =
    OFFICER.test(key) || mentions.names.length + mentions.badges.length + mentions.units.length > 0;
  const kinds = MISCONDUCT.filter(({ pattern }) => pattern.test(key)).map(({ kind }) => kind);
  const identified = mentions.names.length + mentions.badges.length > 0 ? 0.1 : 0;
  let confidence: number;
  if (refersToOfficer && kinds.length > 0) confidence = Math.min(0.95, 0.6 + 0.1 * kinds.length + identified);
  else if (kinds.length > 0) confidence = 0.3;
  else if (refersToOfficer) confidence = 0.1 + identified;
  else confidence = 0;
  return {
    aboutOfficer: confidence >= 0.5,
    confidence: Number(confidence.toFixed(2)),
    kinds,
    mentions,
  };
}
