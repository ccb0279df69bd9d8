import type { TransitionInput } from '../../contracts/appeal.schema.ts';
import type { AnswerLanguage, Role, UiLanguage } from '../../contracts/enums.ts';
import type { DemoAppeal } from './demo-appeals.ts';

// The guided lessons of the training sandbox, as data: what each role practises, the steps in the four
// interface languages, the demo appeal a lesson sets up, and a check that reads what the trainee really
// did to that appeal. Pure: the use cases load the facts and store completions.

/** A text in every interface language. */
export type Localized = Record<UiLanguage, string>;

/** What a lesson's check reads about its sandbox appeal. */
export interface LessonFacts {
  traineeId: number;
  appeal: {
    status: string;
    type: string;
    channel: string;
    applicantKind: string;
    /** The decrypted applicant (names and contacts), null for an anonymous one. */
    applicant: { lastName?: string; firstName?: string; phone?: string } | null;
    text: string;
    categoryCode: string | null;
    /** The service of the unit now leading the appeal (investigation, patrol …). */
    ownerService: string | null;
    answerLanguage: AnswerLanguage | string;
    urgent: boolean;
    headExtensionUsed: boolean;
  };
  /** The appeal's history, oldest first. */
  events: { event: string; actorId: number | null; data: Record<string, unknown> }[];
  /** Its answers and conclusions, oldest first. */
  answers: {
    kind: 'answer' | 'conclusion';
    body: string;
    outcome: string | null;
    status: 'draft' | 'returned' | 'approved';
    authorId: number | null;
    reviewerId: number | null;
    reviewComment: string | null;
  }[];
}

/** One guided lesson. */
export interface Lesson {
  id: string;
  role: Role;
  title: Localized;
  steps: Localized[];
  /**
   * The demo appeal the lesson places in the trainee's unit sandbox, and any actions taken on it first;
   * `null` when the trainee registers the lesson's appeal themselves (operators' lessons).
   */
  setup: { demo: DemoAppeal; afterwards?: TransitionInput[]; traineeExecutes?: boolean } | null;
  /** What is still wrong, in plain words; empty when the lesson is passed. */
  check(facts: LessonFacts): Localized[];
}

const did = (f: LessonFacts, event: string) =>
  f.events.filter((e) => e.event === event && e.actorId === f.traineeId);
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const digits = (value: string | undefined) => (value ?? '').replace(/\D/g, '');

/** The script an answer is written in, by its letters. */
export function scriptOf(body: string): 'cyrillic' | 'latin' {
  const cyrillic = body.match(/[а-яёўқғҳ]/gi)?.length ?? 0;
  const latin = body.match(/[a-z]/gi)?.length ?? 0;
  return cyrillic > latin ? 'cyrillic' : 'latin';
}

const cyrillicLanguages: readonly string[] = ['oz', 'ru'];

// Problems several lessons share.
const problems = {
  statusIs: (expected: Localized): Localized => ({
    uz: `Murojaat holati hali “${expected.uz}” emas.`,
    oz: `Мурожаат ҳолати ҳали “${expected.oz}” эмас.`,
    ru: `Обращение ещё не в статусе «${expected.ru}».`,
    en: `The appeal’s status is not yet “${expected.en}”.`,
  }),
  notYou: (what: Localized): Localized => ({
    uz: `“${what.uz}” amalini oʻzingiz bajarmadingiz.`,
    oz: `“${what.oz}” амалини ўзингиз бажармадингиз.`,
    ru: `Вы ещё не выполнили действие «${what.ru}» сами.`,
    en: `You have not done “${what.en}” yourself.`,
  }),
};

const words = {
  route: { uz: 'Yoʻnaltirish', oz: 'Йўналтириш', ru: 'Направить', en: 'Route' },
  setCategory: {
    uz: 'Toifani oʻzgartirish',
    oz: 'Тоифани ўзгартириш',
    ru: 'Изменить категорию',
    en: 'Change category',
  },
  accept: { uz: 'Ijroga qabul qilish', oz: 'Ижрога қабул қилиш', ru: 'Принять к исполнению', en: 'Accept' },
  draftAnswer: {
    uz: 'Javob loyihasini yozish',
    oz: 'Жавоб лойиҳасини ёзиш',
    ru: 'Подготовить проект ответа',
    en: 'Draft the answer',
  },
  requestInfo: {
    uz: 'Maʼlumot soʻrash',
    oz: 'Маълумот сўраш',
    ru: 'Запросить информацию',
    en: 'Request information',
  },
  conclusion: {
    uz: 'Koʻrib chiqmaslik xulosasi',
    oz: 'Кўриб чиқмаслик хулосаси',
    ru: 'Заключение о нерассмотрении',
    en: 'Conclusion not to consider',
  },
  returnAnswer: {
    uz: 'Javobni qaytarish',
    oz: 'Жавобни қайтариш',
    ru: 'Вернуть ответ',
    en: 'Return the answer',
  },
  approveAnswer: {
    uz: 'Javobni tasdiqlash',
    oz: 'Жавобни тасдиқлаш',
    ru: 'Утвердить ответ',
    en: 'Approve the answer',
  },
  extend: { uz: 'Muddatni uzaytirish', oz: 'Муддатни узайтириш', ru: 'Продлить срок', en: 'Extend deadline' },
  urgency: {
    uz: 'Shoshilinchlik belgisi',
    oz: 'Шошилинчлик белгиси',
    ru: 'Отметка срочности',
    en: 'Urgency',
  },
};

const statuses = {
  assigned: {
    uz: 'Boʻlinmaga yuborilgan',
    oz: 'Бўлинмага юборилган',
    ru: 'Направлено в подразделение',
    en: 'Sent to unit',
  },
  answerDrafted: {
    uz: 'Javob loyihasi tayyor',
    oz: 'Жавоб лойиҳаси тайёр',
    ru: 'Проект ответа готов',
    en: 'Answer drafted',
  },
  awaitingInfo: {
    uz: 'Maʼlumot kutilmoqda',
    oz: 'Маълумот кутилмоқда',
    ru: 'Ожидается информация',
    en: 'Awaiting information',
  },
  conclusionDrafted: {
    uz: 'Xulosa loyihasi tayyor',
    oz: 'Хулоса лойиҳаси тайёр',
    ru: 'Проект заключения готов',
    en: 'Conclusion drafted',
  },
  returned: {
    uz: 'Qayta ishlashga qaytarilgan',
    oz: 'Қайта ишлашга қайтарилган',
    ru: 'Возвращено на доработку',
    en: 'Returned for rework',
  },
  answered: { uz: 'Javob berilgan', oz: 'Жавоб берилган', ru: 'Дан ответ', en: 'Answered' },
};

const person = (lastName: string, firstName: string, phone: string, address: string) => ({
  kind: 'individual',
  lastName,
  firstName,
  address,
  phone,
});

// The operator's first lesson: the caller of its script, to compare with what was registered.
const caller = { lastName: 'Sobirova', firstName: 'Gulnora', phone: '+998 90 123 45 67' };

/** Every lesson, in the order each role meets them. */
export const lessons: readonly Lesson[] = [
  {
    id: 'operator-hotline-call',
    role: 'operator',
    title: {
      uz: 'Ishonch telefoniga kelgan qoʻngʻiroqni roʻyxatga olish',
      oz: 'Ишонч телефонига келган қўнғироқни рўйхатга олиш',
      ru: 'Регистрация звонка на телефон доверия',
      en: 'Register a call to the hotline',
    },
    steps: [
      {
        uz: '“Murojaatni qabul qilish” sahifasini oching (oʻquv rejimi yoqilgan boʻlsin).',
        oz: '“Мурожаатни қабул қилиш” саҳифасини очинг (ўқув режими ёқилган бўлсин).',
        ru: 'Откройте «Приём обращения» (учебный режим должен быть включён).',
        en: 'Open “Register an appeal” (with training mode on).',
      },
      {
        uz: 'Kanal: “Ishonch telefoni”, shakl: ogʻzaki.',
        oz: 'Канал: “Ишонч телефони”, шакл: оғзаки.',
        ru: 'Канал: «Телефон доверия», форма: устная.',
        en: 'Channel: “Hotline”, form: oral.',
      },
      {
        uz: `Qoʻngʻiroq qiluvchi: ${caller.lastName} ${caller.firstName}, telefon ${caller.phone}, Chilonzor tumani, 12-mavze, 5-uy. Uning maʼlumotlarini kiriting.`,
        oz: `Қўнғироқ қилувчи: Собирова Гулнора, телефон ${caller.phone}, Чилонзор тумани, 12-мавзе, 5-уй. Унинг маълумотларини киритинг (лотинча: ${caller.lastName} ${caller.firstName}).`,
        ru: `Звонит ${caller.lastName} ${caller.firstName}, телефон ${caller.phone}, Чиланзарский район, 12-й квартал, дом 5. Внесите её данные.`,
        en: `The caller is ${caller.firstName} ${caller.lastName}, phone ${caller.phone}, Chilonzor district, block 12, house 5. Enter her details.`,
      },
      {
        uz: 'Uning soʻzlarini yozing: “Hovlimizda ikki haftadan beri raqamsiz mashina turibdi, bolalar yonida oʻynaydi, tekshirib koʻrishingizni soʻrayman.”',
        oz: 'Унинг сўзларини ёзинг: “Ҳовлимизда икки ҳафтадан бери рақамсиз машина турибди, болалар ёнида ўйнайди, текшириб кўришингизни сўрайман.”',
        ru: 'Запишите её слова: «Во дворе две недели стоит машина без номеров, рядом играют дети, прошу проверить».',
        en: 'Write down what she says: “A car without number plates has stood in our yard for two weeks, children play next to it; please check it.”',
      },
      {
        uz: 'Roʻyxatga oling va qoʻngʻiroq qiluvchiga raqam hamda kirish kodini ayting. Keyin “Ishimni tekshirish”ni bosing.',
        oz: 'Рўйхатга олинг ва қўнғироқ қилувчига рақам ҳамда кириш кодини айтинг. Кейин “Ишимни текшириш”ни босинг.',
        ru: 'Зарегистрируйте и продиктуйте звонящей номер и код доступа. Затем нажмите «Проверить мою работу».',
        en: 'Register it and read the number and access code to the caller. Then press “Check my work”.',
      },
    ],
    setup: null,
    check: (f) => {
      const out: Localized[] = [];
      if (f.appeal.channel !== 'hotline')
        out.push({
          uz: 'Kanal “Ishonch telefoni” boʻlishi kerak.',
          oz: 'Канал “Ишонч телефони” бўлиши керак.',
          ru: 'Канал должен быть «Телефон доверия».',
          en: 'The channel should be “Hotline”.',
        });
      const applicant = f.appeal.applicant;
      if (!applicant)
        out.push({
          uz: 'Qoʻngʻiroq qiluvchi oʻzini tanishtirdi: murojaat anonim boʻlmasligi kerak.',
          oz: 'Қўнғироқ қилувчи ўзини таништирди: мурожаат аноним бўлмаслиги керак.',
          ru: 'Звонящая назвалась: обращение не должно быть анонимным.',
          en: 'The caller gave her name: the appeal must not be anonymous.',
        });
      else {
        if (text(applicant.lastName).toLowerCase() !== caller.lastName.toLowerCase())
          out.push({
            uz: `Familiya “${caller.lastName}” boʻlishi kerak.`,
            oz: `Фамилия “${caller.lastName}” бўлиши керак.`,
            ru: `Фамилия должна быть «${caller.lastName}».`,
            en: `The surname should be “${caller.lastName}”.`,
          });
        if (!digits(applicant.phone).endsWith(digits(caller.phone).slice(-9)))
          out.push({
            uz: 'Telefon raqami qoʻngʻiroq qiluvchining raqamiga mos emas.',
            oz: 'Телефон рақами қўнғироқ қилувчининг рақамига мос эмас.',
            ru: 'Телефон не совпадает с номером звонящей.',
            en: 'The phone number does not match the caller’s.',
          });
      }
      if (f.appeal.text.trim().length < 40)
        out.push({
          uz: 'Murojaat matni juda qisqa: qoʻngʻiroq qiluvchining soʻzlarini toʻliq yozing.',
          oz: 'Мурожаат матни жуда қисқа: қўнғироқ қилувчининг сўзларини тўлиқ ёзинг.',
          ru: 'Текст слишком короткий: запишите слова звонящей полностью.',
          en: 'The text is too short: write down what the caller said in full.',
        });
      return out;
    },
  },
  {
    id: 'operator-urgent-call',
    role: 'operator',
    title: {
      uz: 'Shoshilinch murojaatni belgilash',
      oz: 'Шошилинч мурожаатни белгилаш',
      ru: 'Отметить срочное обращение',
      en: 'Mark an appeal as urgent',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: namunaviy murojaat kartasi ochiladi. Matnni oʻqing: hayotga xavf bor.',
        oz: '“Бошлаш”ни босинг: намунавий мурожаат картаси очилади. Матнни ўқинг: ҳаётга хавф бор.',
        ru: 'Нажмите «Начать»: откроется карточка учебного обращения. Прочитайте текст: есть угроза жизни.',
        en: 'Press “Start”: the demo appeal’s card opens. Read the text: someone’s life is in danger.',
      },
      {
        uz: '“Shoshilinchlik belgisi” tugmasini bosing va murojaatni shoshilinch deb belgilang.',
        oz: '“Шошилинчлик белгиси” тугмасини босинг ва мурожаатни шошилинч деб белгиланг.',
        ru: 'Нажмите «Отметка срочности» и отметьте обращение как срочное.',
        en: 'Press “Urgency” and mark the appeal urgent.',
      },
      {
        uz: 'Sababini yozing (masalan: “zoʻravonlik hozir sodir boʻlmoqda”) va saqlang.',
        oz: 'Сабабини ёзинг (масалан: “зўравонлик ҳозир содир бўлмоқда”) ва сақланг.',
        ru: 'Укажите причину (например: «насилие происходит сейчас») и сохраните.',
        en: 'Give the reason (for example: “violence happening now”) and save.',
      },
    ],
    setup: {
      demo: {
        type: 'ariza',
        channel: 'hotline',
        applicant: person('Rahimova', 'Zarina', '+998900000121', 'Sergeli tumani, 7-mavze, 18-uy'),
        text: 'Qoʻshni xonadonda hozir janjal boʻlyapti, ayol yordam soʻrab qichqiryapti, eri uni urayotganga oʻxshaydi. Tezroq kelinglar!',
        category: null,
        daysAgo: 0,
        stage: 'registered',
      },
    },
    check: (f) => {
      const out: Localized[] = [];
      const marked = did(f, 'marked_urgent');
      if (!f.appeal.urgent || marked.length === 0) out.push(problems.notYou(words.urgency));
      else if (!marked.some((e) => text(e.data.reason).length >= 3))
        out.push({
          uz: 'Nega shoshilinch ekanini yozing: sabab boʻsh qolgan.',
          oz: 'Нега шошилинч эканини ёзинг: сабаб бўш қолган.',
          ru: 'Напишите, почему это срочно: причина не указана.',
          en: 'Say why it is urgent: the reason is empty.',
        });
      return out;
    },
  },
  {
    id: 'clerk-route-theft',
    role: 'clerk',
    title: {
      uz: 'Oʻgʻirlik haqidagi murojaatni yoʻnaltirish',
      oz: 'Ўғирлик ҳақидаги мурожаатни йўналтириш',
      ru: 'Направить обращение о краже',
      en: 'Route an appeal about a theft',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing va ochilgan murojaatni oʻqing.',
        oz: '“Бошлаш”ни босинг ва очилган мурожаатни ўқинг.',
        ru: 'Нажмите «Начать» и прочитайте открывшееся обращение.',
        en: 'Press “Start” and read the appeal that opens.',
      },
      {
        uz: '“Toifani oʻzgartirish”: “Oʻgʻirlik va talonchilik” toifasini tanlang.',
        oz: '“Тоифани ўзгартириш”: “Ўғирлик ва талончилик” тоифасини танланг.',
        ru: '«Изменить категорию»: выберите «Кража и грабёж».',
        en: '“Change category”: choose “Theft and robbery”.',
      },
      {
        uz: '“Yoʻnaltirish”: oʻz tumaningizning Tergov va surishtiruv boʻlimini tanlang.',
        oz: '“Йўналтириш”: ўз туманингизнинг Тергов ва суриштирув бўлимини танланг.',
        ru: '«Направить»: выберите отдел следствия и дознания своего района.',
        en: '“Route”: choose your district’s Investigation and Inquiry Unit.',
      },
    ],
    setup: {
      demo: {
        type: 'ariza',
        channel: 'web',
        applicant: person('Xolmatov', 'Bekzod', '+998900000122', 'Yashnobod tumani, Tuzel-2, 14-uy'),
        text: 'Kecha tunda uyimiz oldida turgan “Cobalt” mashinamning oynasini sindirib, ichidagi noutbuk va hujjatlar solingan sumkani olib ketishgan. Aybdorlarni topishingizni soʻrayman.',
        category: null,
        daysAgo: 0,
        stage: 'registered',
      },
    },
    check: (f) => {
      const out: Localized[] = [];
      if (f.appeal.categoryCode !== 'theft' || did(f, 'category_set').length === 0)
        out.push({
          uz: 'Toifani “Oʻgʻirlik va talonchilik” deb oʻzingiz belgilang.',
          oz: 'Тоифани “Ўғирлик ва талончилик” деб ўзингиз белгиланг.',
          ru: 'Установите сами категорию «Кража и грабёж».',
          en: 'Set the category to “Theft and robbery” yourself.',
        });
      if (did(f, 'routed').length === 0) out.push(problems.notYou(words.route));
      else if (f.appeal.ownerService !== 'investigation')
        out.push({
          uz: 'Oʻgʻirlikni Tergov va surishtiruv boʻlimi koʻradi: murojaat boshqa boʻlinmaga yuborilgan.',
          oz: 'Ўғирликни Тергов ва суриштирув бўлими кўради: мурожаат бошқа бўлинмага юборилган.',
          ru: 'Кражи рассматривает отдел следствия и дознания, а обращение направлено в другое подразделение.',
          en: 'Thefts go to the Investigation and Inquiry Unit; the appeal was sent to another unit.',
        });
      if (f.appeal.status !== 'assigned') out.push(problems.statusIs(statuses.assigned));
      return out;
    },
  },
  {
    id: 'clerk-anonymous-conclusion',
    role: 'clerk',
    title: {
      uz: 'Anonim murojaat boʻyicha xulosa tayyorlash',
      oz: 'Аноним мурожаат бўйича хулоса тайёрлаш',
      ru: 'Заключение по анонимному обращению',
      en: 'Draft a conclusion for an anonymous appeal',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: murojaatchi koʻrsatilmagan murojaat ochiladi.',
        oz: '“Бошлаш”ни босинг: мурожаатчи кўрсатилмаган мурожаат очилади.',
        ru: 'Нажмите «Начать»: откроется обращение без данных заявителя.',
        en: 'Press “Start”: an appeal without the applicant’s details opens.',
      },
      {
        uz: '“Koʻrib chiqmaslik xulosasi”: sabab sifatida “Anonim murojaat”ni tanlang.',
        oz: '“Кўриб чиқмаслик хулосаси”: сабаб сифатида “Аноним мурожаат”ни танланг.',
        ru: '«Заключение о нерассмотрении»: выберите причину «Анонимное обращение».',
        en: '“Conclusion not to consider”: choose the reason “Anonymous appeal”.',
      },
      {
        uz: 'Xulosa matnida qonunga tayanib nega koʻrib chiqilmasligini tushuntiring va saqlang. Uni rahbar tasdiqlaydi.',
        oz: 'Хулоса матнида қонунга таяниб нега кўриб чиқилмаслигини тушунтиринг ва сақланг. Уни раҳбар тасдиқлайди.',
        ru: 'В тексте объясните со ссылкой на закон, почему обращение не рассматривается, и сохраните. Утвердит руководитель.',
        en: 'In the text, explain with reference to the law why it is not considered, and save. The head approves it.',
      },
    ],
    setup: {
      demo: {
        type: 'shikoyat',
        channel: 'web',
        applicant: null,
        text: 'Bozor yonidagi doʻkonlar kechasi ham spirtli ichimlik sotadi, hech kim tekshirmaydi.',
        category: 'public_order',
        daysAgo: 0,
        stage: 'registered',
      },
    },
    check: (f) => {
      const out: Localized[] = [];
      const drafted = did(f, 'conclusion_drafted');
      if (drafted.length === 0) return [problems.notYou(words.conclusion)];
      if (!drafted.some((e) => e.data.reason === 'anonymous'))
        out.push({
          uz: 'Sabab “Anonim murojaat” boʻlishi kerak: murojaatchi ismi va manzilini koʻrsatmagan.',
          oz: 'Сабаб “Аноним мурожаат” бўлиши керак: мурожаатчи исми ва манзилини кўрсатмаган.',
          ru: 'Причина должна быть «Анонимное обращение»: заявитель не указал имя и адрес.',
          en: 'The reason should be “Anonymous appeal”: the applicant gave no name or address.',
        });
      const body = f.answers.findLast((a) => a.kind === 'conclusion' && a.authorId === f.traineeId)?.body;
      if (text(body).length < 40)
        out.push({
          uz: 'Xulosa juda qisqa: nega koʻrib chiqilmasligini tushuntiring.',
          oz: 'Хулоса жуда қисқа: нега кўриб чиқилмаслигини тушунтиринг.',
          ru: 'Заключение слишком короткое: объясните, почему обращение не рассматривается.',
          en: 'The conclusion is too short: explain why the appeal is not considered.',
        });
      if (f.appeal.status !== 'conclusion_drafted') out.push(problems.statusIs(statuses.conclusionDrafted));
      return out;
    },
  },
  {
    id: 'executor-answer-language',
    role: 'executor',
    title: {
      uz: 'Murojaat tilida javob tayyorlash',
      oz: 'Мурожаат тилида жавоб тайёрлаш',
      ru: 'Ответ на языке обращения',
      en: 'Answer in the appeal’s language',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: kirill yozuvida yozilgan murojaat ochiladi.',
        oz: '“Бошлаш”ни босинг: кирилл ёзувида ёзилган мурожаат очилади.',
        ru: 'Нажмите «Начать»: откроется обращение, написанное кириллицей.',
        en: 'Press “Start”: an appeal written in Cyrillic opens.',
      },
      {
        uz: '“Ijroga qabul qilish” tugmasini bosing.',
        oz: '“Ижрога қабул қилиш” тугмасини босинг.',
        ru: 'Нажмите «Принять к исполнению».',
        en: 'Press “Accept”.',
      },
      {
        uz: '“Javob loyihasini yozish”: javobni murojaatchi yozgan tilda va yozuvda (kirillda) yozing, natijani tanlang.',
        oz: '“Жавоб лойиҳасини ёзиш”: жавобни мурожаатчи ёзган тилда ва ёзувда (кириллда) ёзинг, натижани танланг.',
        ru: '«Подготовить проект ответа»: пишите на языке заявителя и тем же алфавитом (кириллицей), выберите результат.',
        en: '“Draft the answer”: write in the applicant’s language and script (Cyrillic) and choose the outcome.',
      },
    ],
    setup: {
      traineeExecutes: true,
      demo: {
        type: 'ariza',
        channel: 'web',
        applicant: person('Эргашев', 'Шерзод', '+998900000123', 'Учтепа тумани, 22-мавзе, 9-уй'),
        text: 'Ҳайдовчилик гувоҳномамни йўқотиб қўйдим. Янгисини олиш учун қандай ҳужжатлар керак ва қаерга мурожаат қилишим керак?',
        category: 'driving_licence',
        daysAgo: 2,
        stage: 'assigned',
      },
    },
    check: (f) => {
      const out: Localized[] = [];
      if (did(f, 'accepted').length === 0) out.push(problems.notYou(words.accept));
      const draft = f.answers.findLast((a) => a.kind === 'answer' && a.authorId === f.traineeId);
      if (!draft || did(f, 'answer_drafted').length === 0) {
        out.push(problems.notYou(words.draftAnswer));
        return out;
      }
      const wanted = cyrillicLanguages.includes(f.appeal.answerLanguage) ? 'cyrillic' : 'latin';
      if (scriptOf(draft.body) !== wanted)
        out.push(
          wanted === 'cyrillic'
            ? {
                uz: 'Murojaat kirill yozuvida: javob ham kirillda boʻlishi kerak.',
                oz: 'Мурожаат кирилл ёзувида: жавоб ҳам кириллда бўлиши керак.',
                ru: 'Обращение написано кириллицей: ответ тоже должен быть кириллицей.',
                en: 'The appeal is in Cyrillic: the answer must be in Cyrillic too.',
              }
            : {
                uz: 'Murojaat lotin yozuvida: javob ham lotinda boʻlishi kerak.',
                oz: 'Мурожаат лотин ёзувида: жавоб ҳам лотинда бўлиши керак.',
                ru: 'Обращение написано латиницей: ответ тоже должен быть латиницей.',
                en: 'The appeal is in Latin script: the answer must be too.',
              },
        );
      if (draft.body.trim().length < 80)
        out.push({
          uz: 'Javob juda qisqa: murojaatchi nima qilishi kerakligini aniq yozing.',
          oz: 'Жавоб жуда қисқа: мурожаатчи нима қилиши кераклигини аниқ ёзинг.',
          ru: 'Ответ слишком короткий: напишите, что именно заявителю нужно сделать.',
          en: 'The answer is too short: say exactly what the applicant needs to do.',
        });
      if (!draft.outcome)
        out.push({
          uz: 'Natijani tanlang.',
          oz: 'Натижани танланг.',
          ru: 'Выберите результат.',
          en: 'Choose the outcome.',
        });
      if (f.appeal.status !== 'answer_drafted') out.push(problems.statusIs(statuses.answerDrafted));
      return out;
    },
  },
  {
    id: 'executor-request-info',
    role: 'executor',
    title: {
      uz: 'Yetishmayotgan maʼlumotni soʻrash',
      oz: 'Етишмаётган маълумотни сўраш',
      ru: 'Запросить недостающие сведения',
      en: 'Ask for missing information',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: ijrodagi murojaat ochiladi. Unda ariza raqami va sanasi yoʻq.',
        oz: '“Бошлаш”ни босинг: ижродаги мурожаат очилади. Унда ариза рақами ва санаси йўқ.',
        ru: 'Нажмите «Начать»: откроется обращение в работе. В нём нет номера и даты заявления.',
        en: 'Press “Start”: an appeal in progress opens. It lacks the application’s number and date.',
      },
      {
        uz: '“Maʼlumot soʻrash”: kimdan (murojaatchi yoki boshqa organ) va nima kerakligini aniq yozing.',
        oz: '“Маълумот сўраш”: кимдан (мурожаатчи ёки бошқа орган) ва нима кераклигини аниқ ёзинг.',
        ru: '«Запросить информацию»: укажите, у кого (заявитель или другой орган) и что именно нужно.',
        en: '“Request information”: say from whom (the applicant or another body) and exactly what is needed.',
      },
      {
        uz: 'Saqlang: murojaat “Maʼlumot kutilmoqda” holatiga oʻtadi va 10 kunlik muddat boshlanadi.',
        oz: 'Сақланг: мурожаат “Маълумот кутилмоқда” ҳолатига ўтади ва 10 кунлик муддат бошланади.',
        ru: 'Сохраните: обращение перейдёт в «Ожидается информация», начнётся 10-дневный срок.',
        en: 'Save: the appeal moves to “Awaiting information” and a 10-day clock starts.',
      },
    ],
    setup: {
      traineeExecutes: true,
      demo: {
        type: 'ariza',
        channel: 'email',
        applicant: person(
          'Кузнецова',
          'Елена',
          '+998900000124',
          'Мирзо-Улугбекский район, ул. Буюк Ипак Йули, 80',
        ),
        text: 'Я подавала документы на замену паспорта, но до сих пор не получила его. Прошу ускорить.',
        category: 'passport_id',
        daysAgo: 4,
        stage: 'in_progress',
      },
    },
    check: (f) => {
      const asked = did(f, 'info_requested');
      if (asked.length === 0) return [problems.notYou(words.requestInfo)];
      const out: Localized[] = [];
      if (!asked.some((e) => text(e.data.reason).length >= 15))
        out.push({
          uz: 'Soʻrovda nima kerakligini aniqroq yozing (kamida bir toʻliq gap).',
          oz: 'Сўровда нима кераклигини аниқроқ ёзинг (камида бир тўлиқ гап).',
          ru: 'Напишите в запросе точнее, что нужно (хотя бы одно полное предложение).',
          en: 'Say more precisely what is needed (at least one full sentence).',
        });
      if (f.appeal.status !== 'awaiting_info') out.push(problems.statusIs(statuses.awaitingInfo));
      return out;
    },
  },
  {
    id: 'head-return-draft',
    role: 'head',
    title: {
      uz: 'Zaif javob loyihasini izoh bilan qaytarish',
      oz: 'Заиф жавоб лойиҳасини изоҳ билан қайтариш',
      ru: 'Вернуть слабый проект ответа с замечанием',
      en: 'Return a weak draft with a comment',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: tasdiqlashni kutayotgan javob loyihasi ochiladi.',
        oz: '“Бошлаш”ни босинг: тасдиқлашни кутаётган жавоб лойиҳаси очилади.',
        ru: 'Нажмите «Начать»: откроется проект ответа, ожидающий утверждения.',
        en: 'Press “Start”: a draft answer awaiting approval opens.',
      },
      {
        uz: 'Murojaat va javobni solishtiring: javob boshqa yozuvda va savolga javob bermaydi.',
        oz: 'Мурожаат ва жавобни солиштиринг: жавоб бошқа ёзувда ва саволга жавоб бермайди.',
        ru: 'Сравните обращение и ответ: ответ написан на другом алфавите и не отвечает на вопрос.',
        en: 'Compare the appeal and the answer: the answer is in another script and does not answer the question.',
      },
      {
        uz: '“Javobni qaytarish”: ijrochiga nimani tuzatish kerakligini aniq yozing.',
        oz: '“Жавобни қайтариш”: ижрочига нимани тузатиш кераклигини аниқ ёзинг.',
        ru: '«Вернуть ответ»: напишите исполнителю, что именно исправить.',
        en: '“Return the answer”: tell the executor exactly what to fix.',
      },
    ],
    setup: {
      traineeExecutes: true,
      demo: {
        type: 'shikoyat',
        channel: 'web',
        applicant: person('Абдуллаев', 'Жасур', '+998900000125', 'Юнусобод тумани, 4-мавзе, 31-уй'),
        text: 'Уч ҳафта олдин машинам эвакуатор билан олиб кетилди, лекин ҳеч ким қаерга олиб кетилганини айтмаяпти. Машинамни қаердан олишим мумкин?',
        category: null,
        daysAgo: 9,
        stage: 'answer_drafted',
        draft: { outcome: 'explained', body: 'Murojaatingiz koʻrib chiqildi.' },
      },
    },
    check: (f) => {
      const returned = did(f, 'answer_returned');
      if (returned.length === 0) return [problems.notYou(words.returnAnswer)];
      const out: Localized[] = [];
      if (!returned.some((e) => text(e.data.comment).length >= 15))
        out.push({
          uz: 'Izoh juda qisqa: ijrochi nimani tuzatishini bilishi kerak.',
          oz: 'Изоҳ жуда қисқа: ижрочи нимани тузатишини билиши керак.',
          ru: 'Замечание слишком короткое: исполнитель должен понять, что исправить.',
          en: 'The comment is too short: the executor must know what to fix.',
        });
      if (f.appeal.status !== 'returned') out.push(problems.statusIs(statuses.returned));
      return out;
    },
  },
  {
    id: 'head-approve-answer',
    role: 'head',
    title: {
      uz: 'Yaxshi javobni tasdiqlash',
      oz: 'Яхши жавобни тасдиқлаш',
      ru: 'Утвердить хороший ответ',
      en: 'Approve a good answer',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: javob loyihasi ochiladi.',
        oz: '“Бошлаш”ни босинг: жавоб лойиҳаси очилади.',
        ru: 'Нажмите «Начать»: откроется проект ответа.',
        en: 'Press “Start”: a draft answer opens.',
      },
      {
        uz: 'Tekshiring: javob savolga aniq javob beradi, murojaat tilida va natija toʻgʻri.',
        oz: 'Текширинг: жавоб саволга аниқ жавоб беради, мурожаат тилида ва натижа тўғри.',
        ru: 'Проверьте: ответ по существу, на языке обращения, результат верный.',
        en: 'Check: it answers the question, is in the appeal’s language, and the outcome is right.',
      },
      {
        uz: '“Javobni tasdiqlash”ni bosing.',
        oz: '“Жавобни тасдиқлаш”ни босинг.',
        ru: 'Нажмите «Утвердить ответ».',
        en: 'Press “Approve the answer”.',
      },
    ],
    setup: {
      traineeExecutes: true,
      demo: {
        type: 'ariza',
        channel: 'web',
        applicant: person('Nazarova', 'Dilfuza', '+998900000126', 'Mirzo Ulugʻbek tumani, Qorasuv-3, 6-uy'),
        text: 'Xorijga chiqish uchun sudlanmaganlik haqida maʼlumotnoma kerak. Uni qancha vaqtda olish mumkin?',
        category: 'certificates',
        daysAgo: 6,
        stage: 'answer_drafted',
        draft: {
          outcome: 'explained',
          body: 'Hurmatli Dilfuza Nazarova! Sudlanmaganlik haqidagi maʼlumotnomani my.gov.uz portali yoki davlat xizmatlari markazi orqali olishingiz mumkin. Maʼlumotnoma 3 ish kunida tayyorlanadi va elektron shaklda ham beriladi.',
        },
      },
    },
    check: (f) => {
      if (did(f, 'answered').length === 0) return [problems.notYou(words.approveAnswer)];
      return f.appeal.status === 'answered' ? [] : [problems.statusIs(statuses.answered)];
    },
  },
  {
    id: 'head-extend-deadline',
    role: 'head',
    title: {
      uz: 'Muddatni sabab bilan uzaytirish',
      oz: 'Муддатни сабаб билан узайтириш',
      ru: 'Продлить срок с обоснованием',
      en: 'Extend a deadline with a reason',
    },
    steps: [
      {
        uz: '“Boshlash”ni bosing: ijrochi muddatni uzaytirishni soʻragan murojaat ochiladi.',
        oz: '“Бошлаш”ни босинг: ижрочи муддатни узайтиришни сўраган мурожаат очилади.',
        ru: 'Нажмите «Начать»: откроется обращение, по которому исполнитель просит продлить срок.',
        en: 'Press “Start”: an appeal whose executor asked for more time opens.',
      },
      {
        uz: 'Tarixda ijrochining sababini oʻqing.',
        oz: 'Тарихда ижрочининг сабабини ўқинг.',
        ru: 'Прочитайте в истории причину, указанную исполнителем.',
        en: 'Read the executor’s reason in the history.',
      },
      {
        uz: '“Muddatni uzaytirish”: yangi sanani (bir oydan oshmasin) va sababni yozing. Murojaatchiga xabar boradi.',
        oz: '“Муддатни узайтириш”: янги санани (бир ойдан ошмасин) ва сабабни ёзинг. Мурожаатчига хабар боради.',
        ru: '«Продлить срок»: укажите новую дату (не более месяца) и причину. Заявитель будет уведомлён.',
        en: '“Extend deadline”: give the new date (at most a month) and the reason. The applicant is told.',
      },
    ],
    setup: {
      traineeExecutes: true,
      demo: {
        type: 'ariza',
        channel: 'post',
        applicant: person('Tursunov', 'Akmal', '+998900000127', 'Bektemir tumani, Husayniy koʻchasi, 12'),
        text: 'Oʻgʻlim ikki yil avval boshqa viloyatda maʼmuriy javobgarlikka tortilgan. Oʻsha ish boʻyicha hujjatlarning nusxalarini berishingizni soʻrayman.',
        category: 'certificates',
        daysAgo: 12,
        stage: 'in_progress',
      },
      afterwards: [
        {
          action: 'request_extension',
          reason: 'Hujjatlar Samarqand viloyati arxivida: javob kelishi uchun qoʻshimcha vaqt kerak.',
        },
      ],
    },
    check: (f) => {
      const extended = did(f, 'deadline_extended');
      if (extended.length === 0 || !f.appeal.headExtensionUsed) return [problems.notYou(words.extend)];
      return extended.some((e) => text(e.data.reason).length >= 10)
        ? []
        : [
            {
              uz: 'Uzaytirish sababini toʻliqroq yozing: u murojaatchiga yuboriladi.',
              oz: 'Узайтириш сабабини тўлиқроқ ёзинг: у мурожаатчига юборилади.',
              ru: 'Напишите причину продления подробнее: её получит заявитель.',
              en: 'Give a fuller reason for the extension: the applicant receives it.',
            },
          ];
    },
  },
];

/** A lesson by its id. */
export function lessonById(id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}

/** The lessons a role takes; administrators see every lesson. */
export function lessonsFor(role: Role): Lesson[] {
  return role === 'admin' ? [...lessons] : lessons.filter((l) => l.role === role);
}

/** What a trainee who has not started the lesson, or whose sandbox was replaced since, is told. */
export const notStarted: Localized = {
  uz: 'Avval darsni “Boshlash” tugmasi bilan boshlang.',
  oz: 'Аввал дарсни “Бошлаш” тугмаси билан бошланг.',
  ru: 'Сначала начните урок кнопкой «Начать».',
  en: 'Press “Start” first to begin the lesson.',
};

/** What an operator who has not registered the lesson's appeal since starting is told. */
export const nothingRegistered: Localized = {
  uz: 'Dars boshlangandan beri oʻquv rejimida birorta murojaat roʻyxatga olmadingiz.',
  oz: 'Дарс бошлангандан бери ўқув режимида бирорта мурожаат рўйхатга олмадингиз.',
  ru: 'С начала урока вы не зарегистрировали в учебном режиме ни одного обращения.',
  en: 'You have not registered any appeal in training mode since starting the lesson.',
};
