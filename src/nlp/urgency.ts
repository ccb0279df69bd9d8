/**
 * Urgency: threats to life or health, violence, weapons, missing children, domestic violence and
 * suicide risk, in Uzbek (both scripts, with or without apostrophes), Russian and English.
 *
 * Patterns run on the loose key, so one pattern covers "oʻldiraman", "o'ldiraman", "oldiraman"
 * and "ўлдираман"; Russian is matched in its Uzbek-Latin transliteration (убью → ubyu,
 * нож → noj), and Uzbek typed on a Russian keyboard (у for ў, к for қ, х for ҳ) is allowed for.
 * A pattern's weight is the chance that an appeal containing it needs action at once; weights of
 * different kinds combine as independent evidence: score = 1 − Π(1 − weight).
 */

import { looseKey } from './normalize.ts';

export type UrgencyKind =
  | 'threat_to_life'
  | 'violence'
  | 'weapon'
  | 'missing_child'
  | 'missing_person'
  | 'domestic_violence'
  | 'suicide_risk'
  | 'immediacy';

export interface UrgencyReason {
  kind: UrgencyKind;
  /** The words that matched, in the loose (canonical Latin) form. */
  evidence: string;
}

export interface UrgencyAssessment {
  score: number;
  urgent: boolean;
  reasons: UrgencyReason[];
}

interface Pattern {
  kind: UrgencyKind;
  weight: number;
  pattern: RegExp;
}

const CHILD = '(?:bola\\w*|farzand\\w*|o[gq]l\\w*|[qk]iz(?:im|imiz|i)\\b|nabira\\w*|ukam|singlim)';
const RU_CHILD =
  '(?:rebyonok|rebenok|rebyonka|rebenka|sin|sina|sinok|doch|dochka|docheri|malchik|devochka|vnuk\\w*|vnuchka)';
const EN_CHILD = '(?:child|son|daughter|kid|boy|girl|grandson|granddaughter|baby|toddler)';

const PATTERNS: readonly Pattern[] = [
  // Threats to kill, or killing.
  { kind: 'threat_to_life', weight: 0.9, pattern: /\b[ou]ldir\w*/ },
  { kind: 'threat_to_life', weight: 0.9, pattern: /\bjon(?:im|imiz|ing|iga)\w* [qk]asd/ },
  { kind: 'threat_to_life', weight: 0.8, pattern: /\bs[ou]yaman\b|\bsoyib tashla/ },
  {
    kind: 'threat_to_life',
    weight: 0.9,
    pattern: /\bub(?:it(?!o[kv]|k)|yu|yot|yet|yosh|yesh|yut|ili|il|iystv|iyts|ivat)\w*/,
  },
  {
    kind: 'threat_to_life',
    weight: 0.8,
    pattern: /\b(?:zareju|zarejet|zarubit|zarublyu|pristrel\w*|zadush\w*)/,
  },
  { kind: 'threat_to_life', weight: 0.9, pattern: /\b(?:kill(?:s|ed|ing)?|murder\w*)\b/ },
  {
    kind: 'threat_to_life',
    weight: 0.4,
    pattern: /\b(?:tahdid|ugroj\w*|ugroz\w*|grozit\w*|grozyat\w*|threat\w*)/,
  },
  // Violence happening or done.
  {
    kind: 'violence',
    weight: 0.6,
    pattern: /\bpichoqla\w*|\bporezal\w*|\bnozhev\w*|\bstab(?:bed|bing|s)?\b/,
  },
  {
    kind: 'violence',
    weight: 0.45,
    pattern: /\b(?:kaltakla\w*|doppos\w*|urish(?:yapti|moqda|di)|mushtla\w*)/,
  },
  {
    kind: 'violence',
    weight: 0.45,
    pattern: /\b(?:izbi\w*|bi?y[eou]t\w*|deryutsya|draka|draku|napal\w*|napadayut)\b/,
  },
  {
    kind: 'violence',
    weight: 0.45,
    pattern: /\b(?:beat(?:s|ing|en)?|hit(?:s|ting)?|attack\w*|fight\w*|assault\w*)\b/,
  },
  // Weapons; a weapons-permit appeal mentions them too, so see `LICENSING` below.
  {
    kind: 'weapon',
    weight: 0.45,
    pattern:
      /\b(?:pichoq\w*|picho[qk]|[qk]urol\w*|topponcha\w*|miltiq\w*|bolta\w*|noj|nojom|noja|nojami|pistolet\w*|orujiy\w*|topor\w*|knife|knives|gun|guns|pistol|axe|weapon\w*|rifle)\b/,
  },
  // Missing people, children above all.
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(`\\b${CHILD}(?: \\w+){0,3} (?:yo[qk]ol\\w*|[qk]aytmadi|topilmayapti|adashib)`),
  },
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(
      `\\b(?:propal\\w*|poteryal\\w*) ${RU_CHILD}\\b|\\b${RU_CHILD}(?: \\w+){0,3} (?:propal\\w*|ne vernul\\w*|poteryal\\w*)`,
    ),
  },
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(
      `\\b${EN_CHILD}(?: \\w+){0,4} (?:missing|lost|did not come home|didnt come home|has not come home)|\\bmissing ${EN_CHILD}`,
    ),
  },
  {
    kind: 'missing_person',
    weight: 0.55,
    pattern: /\bbedarak\b|\b(?:yo[qk]olib [qk]oldi|topilmayapti|propal\w*|ne vernul\w*|missing)\b/,
  },
  // Domestic violence.
  {
    kind: 'domestic_violence',
    weight: 0.7,
    pattern:
      /\b(?:erim|eri|kuyov\w*|[qk]aynona\w*|otam|o[gq]lim)(?: \w+){0,3} (?:ur\w*|kaltakla\w*|doppos\w*|xorla\w*|horla\w*)/,
  },
  {
    kind: 'domestic_violence',
    weight: 0.7,
    pattern: /\boilaviy (?:zoravonlik|tazyi[qk])|\bhimoya orderi|\bohrann\w* order\w*|\bprotection order/,
  },
  {
    kind: 'domestic_violence',
    weight: 0.7,
    pattern:
      /\b(?:muj|zyat|otets|svekrov\w*)(?: \w+){0,3} (?:bi?y[eou]t\w*|izbiva\w*|izbil\w*|bil|udaril\w*)/,
  },
  {
    kind: 'domestic_violence',
    weight: 0.7,
    pattern:
      /\b(?:husband|wife|father|partner|son in law)(?: \w+){0,3} (?:beats|hits|hit|beat|abuses)\b|\bdomestic violence/,
  },
  // Suicide risk.
  {
    kind: 'suicide_risk',
    weight: 0.9,
    pattern: /\b(?:ozimni|uzimni) (?:[ou]ldir\w*|osa\w*)|\boz joni\w* [qk]asd|\bjonimga [qk]asd [qk]ilaman/,
  },
  {
    kind: 'suicide_risk',
    weight: 0.9,
    pattern: /\bpokonch\w* s soboy|\bsuitsid\w*|\bsuisid\w*|\bubyu sebya|\bne xochu jit|\bne hochu jit/,
  },
  { kind: 'suicide_risk', weight: 0.9, pattern: /\bsuicid\w*|\bkill myself|\bend my life|\bwant to die/ },
  // Words that say "now": only ever add to other evidence.
  {
    kind: 'immediacy',
    weight: 0.25,
    pattern: /\b(?:hozir|tezda|shoshilinch|srochno|pryamo seychas|seychas|right now|urgent\w*|emergency)\b/,
  },
];

// "Tovuqlarimni oʻldiryapti", "убили собаку", "killed my sheep": killing named right after (Uzbek)
// or before (Russian, English) an animal is a property or neighbour matter, not a threat to a person.
const ANIMAL_KILLED =
  /\b(?:tovu[qk]\w*|it(?:im|imni|ni|lar\w*)?|kuchug\w*|mushug\w*|mushuk\w*|[qk]o[yʻ]\w*|sigir\w*|buza[qk]\w*|echki\w*|ot(?:im|imni|ni)|hayvon\w*|parranda\w*|baliq\w*) [ou]ldir\w*|\bubi\w* (?:(?:nash\w*|mo[iey]\w*|ikh|ego|ee|u nas|u menya) )?(?:sobak\w*|koshk\w*|kur\w*|ovec\w*|korov\w*|zhivotn\w*|skot\w*)|\bkill\w* (?:my |our |the |a )?(?:dog|cat|chicken|sheep|cow|goat|animal|livestock)s?\b/;

// …unless a person is threatened too ("meni ham oʻldiraman", "и меня убьёт").
const PERSON_THREAT =
  /\b(?:meni|bizni|seni|oilam\w*|bolam\w*) (?:ham )?[ou]ldir\w*|\bmenya (?:tozhe )?ub\w*|\b(?:kill|murder) (?:me|us|my (?:wife|husband|son|daughter|family))\b/;

const LICENSING =
  /\b(?:ruxsatnoma\w*|litsenziya\w*|razreshen\w*|litsenzi\w*|permit\w*|licen[cs]\w*|ovchi\w*|oxotnich\w*|hunting|register)\b/;

/** Scores how urgently an appeal needs action and says why. */
export function assessUrgency(
  text: string,
  options: {
    threshold?: number /** The text's loose key, when the caller has it already. */;
    looseKey?: string;
  } = {},
): UrgencyAssessment {
  const { threshold = 0.5 } = options;
  const key = ` ${options.looseKey ?? looseKey(text)} `;
  const best = new Map<UrgencyKind, { weight: number; evidence: string }>();
  for (const { kind, weight, pattern } of PATTERNS) {
    const match = pattern.exec(key);
    if (match === null) continue;
    let effective = weight;
    // "Qurol ruxsatnomasi", "hunting rifle permit": a weapon named in a licensing request.
    if (kind === 'weapon' && LICENSING.test(key)) effective = 0.05;
    if (kind === 'threat_to_life' && ANIMAL_KILLED.test(key) && !PERSON_THREAT.test(key)) effective = 0.05;
    const previous = best.get(kind);
    if (previous === undefined || previous.weight < effective)
      best.set(kind, { weight: effective, evidence: match[0].trim() });
  }
  const substantive = [...best].filter(([kind]) => kind !== 'immediacy');
  if (substantive.length === 0) return { score: 0, urgent: false, reasons: [] };
  // A missing child is also a missing person: count the stronger one only.
  if (best.has('missing_child')) best.delete('missing_person');
  let keep = 1;
  for (const { weight } of best.values()) keep *= 1 - weight;
  const score = Number((1 - keep).toFixed(4));
  const reasons = [...best]
    .filter(([, { weight }]) => weight >= 0.1)
    .sort((a, b) => b[1].weight - a[1].weight)
    .map(([kind, { evidence }]) => ({ kind, evidence }));
  return { score, urgent: score >= threshold, reasons };
}
