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
  | 'ongoing_crime'
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

const CHILD =
  '(?:bola\\w*|bala(?:m|miz|si|lar\\w*)\\b|farzand\\w*|[ou][gq]l\\w*|[qk]iz(?:im|imiz|i)\\b|nabira\\w*|ukam|singlim)';
const RU_CHILD =
  '(?:rebyonok|rebenok|rebyonka|rebenka|sin|sina|sinok|doch|dochka|dochku|docheri|malchik|devochka|vnuk\\w*|vnuchka)';
const EN_CHILD = '(?:child|son|daughter|kid|boy|girl|grandson|granddaughter|baby|toddler)';

const PATTERNS: readonly Pattern[] = [
  // Threats to kill, or killing.
  { kind: 'threat_to_life', weight: 0.9, pattern: /\b[ou]ldir\w*/ },
  { kind: 'threat_to_life', weight: 0.9, pattern: /\bjon(?:im|imiz|ing|iga)\w* [qk]asd/ },
  { kind: 'threat_to_life', weight: 0.8, pattern: /\bs[ou]yaman\b|\bs[ou]yib tashla/ },
  {
    kind: 'threat_to_life',
    weight: 0.8,
    pattern:
      /\b(?:otib|chopib|bo[gq]ib) tashla\w*|\bjon(?:ing|ini|ingni|idan)\w* (?:olaman|olamiz|ayril\w*)|\btirik [qk]oldirma\w*|\bboshingni (?:olaman|yorib)|\byo[qk] [qk]ilaman|\byo[qk] [qk]ilamiz/,
  },
  {
    kind: 'threat_to_life',
    weight: 0.9,
    pattern: /\bub(?:it(?!o[kv]|k)|yu|yot|yet|yosh|yesh|yut|ili|il|iystv|iyts|ivat)\w*/,
  },
  {
    kind: 'threat_to_life',
    weight: 0.8,
    pattern:
      /\b(?:zareju|zarejet|zarezat|zarubit|zarublyu|pristrel\w*|zadush\w*|prirej\w*|porubl\w*|porubit|zakopa\w*)/,
  },
  { kind: 'threat_to_life', weight: 0.9, pattern: /\b(?:kill(?:s|ed|ing)?|murder\w*)\b/ },
  // Karakalpak öltiriw "to kill" (öltiremen "I will kill", öltirdi "killed"); not Uzbek colloquial oʻltirib "sitting".
  {
    kind: 'threat_to_life',
    weight: 0.9,
    pattern: /\b[ou]ltir(?:emen|emiz|edi|eyin|iw\w*|gen\w*|ipti|mekshi\w*|mek)\b/,
  },
  // Karakalpak óltirdi "killed" is also colloquial Uzbek oʻltirdi "sat down": alone it is not enough.
  { kind: 'threat_to_life', weight: 0.4, pattern: /\b[ou]ltirdi\b/ },
  // Threatened with death: "oʻlim bilan tahdid", "угрожают смертью", "death threats".
  {
    kind: 'threat_to_life',
    weight: 0.9,
    pattern:
      /\b[ou]lim bilan (?:tahdid|[qk]or[qk]it)\w*|\bugro\w* smert\w*|\bsmert\w* ugro\w*|\bdeath threats?\b|\bthreaten\w* (?:\w+ ){0,2}with death/,
  },
  // Threats to set a home on fire: "oʻt qoʻyaman", "yoqib yuboraman", "сожгу", "burn my house down".
  {
    kind: 'threat_to_life',
    weight: 0.8,
    pattern:
      /\b[ou]t [qk][ou]yaman\w*|\b[ou]t [qk][ou]yamiz\w*|\byo[qk]ib yuboraman\w*|\byo[qk]ib yuboramiz\w*|\bsjech\b|\bsojgu\b|\bsojjem\b|\bpodojgu\b|\bburn (?:\w+ ){0,3}(?:down|alive)\b|\bset (?:\w+ ){0,2}on fire\b/,
  },
  { kind: 'threat_to_life', weight: 0.8, pattern: /\b(?:will|to|gonna) (?:shoot|stab)\b/ },
  {
    kind: 'threat_to_life',
    weight: 0.4,
    pattern: /\b(?:tahdid|ugroj\w*|ugroz\w*|grozit\w*|grozyat\w*|threat\w*|[qk]or[qk]itti)/,
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
    pattern: /\b(?:kaltakla\w*|doppos\w*|urish(?:yapti|ishyapti|moqda)|mushtla\w*)/,
  },
  // "Urishdi" is as often "they quarrelled" as "they fought".
  { kind: 'violence', weight: 0.3, pattern: /\burish(?:di|dik|ib qoldik)\b/ },
  // So is "fight": children at a playground, neighbours over a fence.
  { kind: 'violence', weight: 0.3, pattern: /\bfight\w*/ },
  // Karakalpak: urıp atır "is beating", urıp atır/jatır.
  { kind: 'violence', weight: 0.45, pattern: /\bur(?:ip|ib) (?:atir|jatir)\b/ },
  {
    kind: 'violence',
    weight: 0.45,
    pattern: /\b(?:izbi\w*|bi?y[eou]t\w*|deryutsya|draka|draku|napal\w*|napadayut)\b/,
  },
  {
    kind: 'violence',
    weight: 0.45,
    pattern: /\b(?:beat(?:s|ing|en)?|hit(?:s|ting)?|attack\w*|assault\w*)\b/,
  },
  // Weapons; a weapons-permit appeal mentions them too, so see `LICENSING` below.
  {
    kind: 'weapon',
    weight: 0.4,
    pattern:
      /\b(?:pichoq\w*|picho[qk]|pishaq\w*|[qk]urol\w*|topponcha\w*|miltiq\w*|bolta\w*|noj|nojom|noja|nojami|pistolet\w*|orujiy\w*|topor\w*|knife|knives|gun|guns|pistol|axe|weapon\w*|rifle)\b/,
  },
  // Missing people, children above all.
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(
      `\\b${CHILD}(?: \\w+){0,4} (?:yo[qk]ol\\w*|jo[gq]al\\w*|[qk]aytmadi|topilmayapti|adashib|uyga kelmadi|beri yo[qk]|darak yo[qk]|dara[gk]i yo[qk])`,
    ),
  },
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(
      `\\b(?:propal\\w*|poteryal\\w*|pomogite nayti) (?:\\w+ )?${RU_CHILD}\\b|\\b${RU_CHILD}(?: \\w+){0,3} (?:propal\\w*|ne vernul\\w*|poteryals\\w*|ne prish\\w*)`,
    ),
  },
  {
    kind: 'missing_child',
    weight: 0.85,
    pattern: new RegExp(
      `\\b${EN_CHILD}(?: \\w+){0,4} (?:missing|lost(?! (?:his|her|my|a|an|the|their|its)\\b)|did not come home|didnt come home|has not come home)|\\bmissing ${EN_CHILD}|\\blost (?:my|our) (?:little )?${EN_CHILD}`,
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
      /\b(?:erim|eri|sobi[qk] erim|kuyov\w*|kuyew\w*|[qk]ayn(?:ona|ota|singl|aka|uka)\w*|otam|akam|ukam|[ou][gq]lim|turmush [ou]rto[gq]im)(?: \w+){0,5} (?:ur(?:di|adi|ib|ip|yapti|moqda)\w*|kaltakla\w*|doppos\w*|xorla\w*|horla\w*|tep(?:di|ib|adi)\w*|bo[gq](?:di|ib)\w*|itarib|[qk]iyna\w*)/,
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
      /\b(?:muj|zyat|ote[ts]s?|otchim|sojitel\w*|svekrov\w*)(?: \w+){0,3} (?:bi?y[eou]t\w*|izbiva\w*|izbil\w*|bil|udaril\w*|dushil\w*)/,
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
  { kind: 'suicide_risk', weight: 0.9, pattern: /\bsuicid\w*|\bkill myself|\bend my life|\bwants? to die/ },
  { kind: 'suicide_risk', weight: 0.9, pattern: /\bne xochet jit|\bne hochet jit|\byashagim kelmay\w*/ },
  // A crime going on now: a break-in, a robbery, a mugging in progress.
  {
    kind: 'ongoing_crime',
    weight: 0.6,
    pattern:
      /\b(?:talash(?:yapti|moqda)|buzib kir(?:yapti|ishyapti|moqda)|[ou][gq]irla(?:shyapti|yapti)|tortib ol(?:ishyapti|yapti)|ol(?:ishyapti)|tep(?:ishyapti|yapti)|mushtlash(?:yapti|ishyapti|moqda)|niqobli)\b/,
  },
  {
    kind: 'ongoing_crime',
    weight: 0.6,
    pattern:
      /\b(?:lomayut|lomyatsya|grabyat|vorvalis|vskrivayut|otnimayut|lezet|lezut|vzlamivayut|snimayut kol\w*|(?:is|are) (?:breaking into|robbing)|being robbed|breaking in)\b/,
  },
  // A home set on fire: "oʻt qoʻyib yuborishdi", "yonyapti", "подожгли", "горит", "is on fire".
  {
    kind: 'ongoing_crime',
    weight: 0.6,
    pattern:
      /\b(?:[ou]t [qk][ou]yib yuborish\w*|yonyapti|yonmo[qk]da|podojgl\w*|podojg\w*|gorit|is on fire|set fire to)\b/,
  },
  {
    kind: 'ongoing_crime',
    weight: 0.4,
    pattern: /\b(?:[ou][gq]ri\w* (?:kir|tush)\w*|begona odam\w* kir\w*|zalez\w*)/,
  },
  // Words that say "now": only ever add to other evidence.
  {
    kind: 'immediacy',
    weight: 0.25,
    pattern:
      /\b(?:hozir|xozir|hazir|tezda|tezroq|shoshilinch|ayni paytda|shu da[qk]i[qk]ada|srochno|pryamo seychas|seychas|v etu minutu|right now|at this moment|urgent\w*|emergency)\b/,
  },
];

// "Tovuqlarimni oʻldiryapti", "убили собаку", "killed my sheep": killing named right after (Uzbek)
// or before (Russian, English) an animal is a property or neighbour matter, not a threat to a person.
const ANIMAL_KILLED =
  /\b(?:tovu[qk]\w*|it(?:im|imni|ni|ingni|imizni|lar\w*)?|daraxt\w*|terak\w*|nihol\w*|ko[cč]at\w*|uzum\w*|kuchug\w*|mushug\w*|mushuk\w*|[qk]o[yʻ]\w*|sigir\w*|buza[qk]\w*|echki\w*|ot(?:im|imni|ni)|hayvon\w*|parranda\w*|baliq\w*) (?:[ou]ldir\w*|s[ou]yib tashla\w*|s[ou]yaman|otib tashla\w*|chopib tashla\w*|zaharla\w*)|\bub\w* (?:(?:nash\w*|mo[iey]\w*|ikh|ego|ee|u nas|u menya) )?(?:sobak\w*|koshk\w*|kur\w*|ovec\w*|korov\w*|zhivotn\w*|skot\w*)|\bkill\w* (?:my |our |the |a )?(?:dog|cat|chicken|sheep|cow|goat|animal|livestock)s?\b/;

// …unless a person is threatened too ("meni ham oʻldiraman", "и меня убьёт").
const PERSON_THREAT =
  /\b(?:meni|bizni|seni|oilam\w*|bolam\w*) (?:ham )?[ou]ldir\w*|\bmenya (?:tozhe )?ub\w*|\b(?:kill|murder) (?:me|us|my (?:wife|husband|son|daughter|family))\b/;

// "Pasportim yoʻqolib qoldi", "продавец пропал": a lost thing or a vanished seller is no missing person.
const THING_OR_SELLER =
  /\b(?:pasport\w*|guvohnoma\w*|hujjat\w*|karta\w*|telefon\w*|hamyon\w*|sumka\w*|texpasport\w*|diplom\w*|kalit\w*|dokument\w*|udostoveren\w*|predoplat\w*|prodav\w*|seller|passport|licen[cs]e|wallet)\b/;

// "Грозятся подать в суд", "sudga beramiz deb tahdid qildi": a threat of the law is no threat to life.
const LEGAL_THREAT = /\b(?:sud|sudga|sudga beramiz|v sud|sue|court|prokuratur\w*|shikoyat \w+)\b/;

const LICENSING =
  /\b(?:ruxsatnoma\w*|litsenziya\w*|razreshen\w*|litsenzi\w*|permit\w*|licen[cs]\w*|ovchi\w*|oxotnich\w*|hunting|register)\b/;

/** The default threshold: the best F2 on the tuning half of src/nlp/data/urgency-labelled.jsonl. */
export const URGENCY_THRESHOLD = 0.45;

/** Scores how urgently an appeal needs action and says why. */
export function assessUrgency(
  text: string,
  options: {
    threshold?: number /** The text's loose key, when the caller has it already. */;
    looseKey?: string;
  } = {},
): UrgencyAssessment {
  // Chosen from the precision/recall curve on the labelled set: bench/nlp-urgency-curve.ts, docs/nlp.md.
  const { threshold = URGENCY_THRESHOLD } = options;
  const key = ` ${options.looseKey ?? looseKey(text)} `;
  const best = new Map<UrgencyKind, { weight: number; evidence: string }>();
  for (const { kind, weight, pattern } of PATTERNS) {
    const match = pattern.exec(key);
    if (match === null) continue;
    let effective = weight;
    // "Qurol ruxsatnomasi", "hunting rifle permit": a weapon named in a licensing request.
    if (kind === 'weapon' && LICENSING.test(key)) effective = 0.05;
    if (kind === 'threat_to_life' && ANIMAL_KILLED.test(key) && !PERSON_THREAT.test(key)) effective = 0.05;
    if (kind === 'missing_person' && THING_OR_SELLER.test(key)) effective = 0.05;
    if (kind === 'threat_to_life' && weight < 0.5 && LEGAL_THREAT.test(key)) effective = 0.05;
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
