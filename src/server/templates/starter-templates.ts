import type { Outcome } from '../../contracts/enums.ts';

/**
 * Answer templates for the appeals police bodies receive most (theft, domestic violence, road traffic,
 * neighbours, registration at the place of residence, an officer's conduct), in the four interface
 * languages. Written to the citizen: what was done, what it means for them, what they can do next.
 * {{…}} fills from the appeal; […] is what the executor must write, and an answer cannot be approved
 * while any is left (ANSWER_HAS_PLACEHOLDERS). Installed once; administrators edit or retire them.
 */
export interface StarterTemplate {
  category: string;
  language: 'uz' | 'oz' | 'ru' | 'en';
  outcome: Outcome;
  title: string;
  body: string;
}

/** The settings key that records the starter set was installed (a new set gets a new key). */
export const STARTER_TEMPLATES_KEY = 'templates.starterSet.v1';

type Texts = Record<StarterTemplate['language'], { title: string; body: string }>;

const starters: { category: string; outcome: Outcome; texts: Texts }[] = [
  {
    category: 'theft',
    outcome: 'explained',
    texts: {
      uz: {
        title: 'Oʻgʻirlik: tekshiruv natijasi',
        body: 'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz boʻyicha oʻgʻirlik haqidagi xabar roʻyxatga olindi va {{unit}} tomonidan tekshirildi.\n\nTekshiruv natijasida [jinoyat ishi qoʻzgʻatildi / jinoyat ishini qoʻzgʻatish rad etildi] (qaror sanasi va raqami: [..]). [Siz jabrlanuvchi deb topildingiz.]\n\nIsh boʻyicha tergovchi: [familiyasi, ismi, telefon raqami]. Yoʻqolgan buyum topilsa, sizga darhol xabar beriladi. Qarorga rozi boʻlmasangiz, yuqori turuvchi organga yoki prokuraturaga shikoyat qilishingiz mumkin.',
      },
      oz: {
        title: 'Ўғирлик: текширув натижаси',
        body: 'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз бўйича ўғирлик ҳақидаги хабар рўйхатга олинди ва {{unit}} томонидан текширилди.\n\nТекширув натижасида [жиноят иши қўзғатилди / жиноят ишини қўзғатиш рад этилди] (қарор санаси ва рақами: [..]). [Сиз жабрланувчи деб топилдингиз.]\n\nИш бўйича терговчи: [фамилияси, исми, телефон рақами]. Йўқолган буюм топилса, сизга дарҳол хабар берилади. Қарорга рози бўлмасангиз, юқори турувчи органга ёки прокуратурага шикоят қилишингиз мумкин.',
      },
      ru: {
        title: 'Кража: результат проверки',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nПо вашему обращению № {{number}} от {{receivedOn}} сообщение о краже зарегистрировано и проверено: {{unit}}.\n\nПо результатам проверки [возбуждено уголовное дело / отказано в возбуждении уголовного дела] (дата и номер решения: [..]). [Вы признаны потерпевшим.]\n\nСледователь по делу: [фамилия, имя, телефон]. Если похищенное будет найдено, вам сообщат сразу. Если вы не согласны с решением, его можно обжаловать в вышестоящий орган или в прокуратуру.',
      },
      en: {
        title: 'Theft: result of the inquiry',
        body: 'Dear {{applicantName}},\n\nYour report of theft in appeal {{number}} of {{receivedOn}} was registered and examined by {{unit}}.\n\nAs a result, [a criminal case was opened / opening a criminal case was refused] (decision of [date, number]). [You are recognised as the victim.]\n\nThe investigator is [name, phone]. If the stolen property is found, you will be told at once. If you disagree with the decision, you may complain to a higher body or to the prosecutor’s office.',
      },
    },
  },
  {
    category: 'domestic_violence',
    outcome: 'satisfied',
    texts: {
      uz: {
        title: 'Oilaviy zoʻravonlik: himoya choralari',
        body: 'Hurmatli {{applicantName}}!\n\n{{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan zudlik bilan koʻrib chiqildi.\n\n[Tazyiq yoki zoʻravonlik qilgan shaxsga nisbatan himoya orderi necha kunga berilgani / koʻrilgan boshqa choralar.] Profilaktika inspektori [familiyasi, ismi, telefon raqami] siz bilan doimiy aloqada boʻladi.\n\nXavf qaytalansa, darhol 102 raqamiga qoʻngʻiroq qiling. Tekin psixologik va huquqiy yordamni [reabilitatsiya markazi manzili va telefoni] dan olishingiz mumkin.',
      },
      oz: {
        title: 'Оилавий зўравонлик: ҳимоя чоралари',
        body: 'Ҳурматли {{applicantName}}!\n\n{{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан зудлик билан кўриб чиқилди.\n\n[Тазйиқ ёки зўравонлик қилган шахсга нисбатан ҳимоя ордери неча кунга берилгани / кўрилган бошқа чоралар.] Профилактика инспектори [фамилияси, исми, телефон рақами] сиз билан доимий алоқада бўлади.\n\nХавф қайталанса, дарҳол 102 рақамига қўнғироқ қилинг. Текин психологик ва ҳуқуқий ёрдамни [реабилитация маркази манзили ва телефони] дан олишингиз мумкин.',
      },
      ru: {
        title: 'Домашнее насилие: меры защиты',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено безотлагательно: {{unit}}.\n\n[На сколько дней выдан охранный ордер в отношении лица, совершившего притеснение или насилие / иные принятые меры.] Инспектор профилактики [фамилия, имя, телефон] будет поддерживать с вами связь.\n\nЕсли опасность повторится, сразу звоните 102. Бесплатную психологическую и юридическую помощь оказывает [адрес и телефон реабилитационного центра].',
      },
      en: {
        title: 'Domestic violence: protection measures',
        body: 'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} was examined without delay by {{unit}}.\n\n[For how many days a protection order was issued against the person who harassed or abused you / other measures taken.] The prevention inspector [name, phone] will stay in touch with you.\n\nIf you are in danger again, call 102 at once. Free psychological and legal help is available at [address and phone of the rehabilitation centre].',
      },
    },
  },
  {
    category: 'road_traffic',
    outcome: 'satisfied',
    texts: {
      uz: {
        title: 'Yoʻl harakati: koʻrilgan choralar',
        body: 'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\nKoʻrsatilgan joyda [sana] kuni tekshiruv oʻtkazildi: [aniqlangan holat]. Natijada [qoidabuzarga maʼmuriy jarima qoʻllanildi / yoʻl belgisi oʻrnatildi / patrul kuchaytirildi].\n\nMurojaatingiz qanoatlantirildi. Yoʻl harakati xavfsizligiga eʼtiboringiz uchun rahmat.',
      },
      oz: {
        title: 'Йўл ҳаракати: кўрилган чоралар',
        body: 'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\nКўрсатилган жойда [сана] куни текширув ўтказилди: [аниқланган ҳолат]. Натижада [қоидабузарга маъмурий жарима қўлланилди / йўл белгиси ўрнатилди / патрул кучайтирилди].\n\nМурожаатингиз қаноатлантирилди. Йўл ҳаракати хавфсизлигига эътиборингиз учун раҳмат.',
      },
      ru: {
        title: 'Дорожное движение: принятые меры',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\nВ указанном месте [дата] проведена проверка: [что установлено]. В результате [нарушитель привлечён к административной ответственности / установлен дорожный знак / усилено патрулирование].\n\nОбращение удовлетворено. Спасибо за внимание к безопасности дорожного движения.',
      },
      en: {
        title: 'Road traffic: measures taken',
        body: 'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\nThe place you described was inspected on [date]: [what was found]. As a result, [the offender was fined / a road sign was put up / patrols were increased].\n\nYour appeal is satisfied. Thank you for caring about road safety.',
      },
    },
  },
  {
    category: 'neighbour_dispute',
    outcome: 'satisfied',
    texts: {
      uz: {
        title: 'Qoʻshnilar bilan nizo: profilaktika suhbati',
        body: 'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\nMahalla profilaktika inspektori [familiyasi, ismi] [sana] kuni [qoʻshni] bilan profilaktika suhbati oʻtkazdi va u qonunbuzarlik takrorlansa javobgarlikka tortilishi haqida ogohlantirildi. [Boshqa choralar.]\n\nHolat takrorlansa, inspektorga [telefon raqami] orqali yoki 102 raqamiga murojaat qiling.',
      },
      oz: {
        title: 'Қўшнилар билан низо: профилактика суҳбати',
        body: 'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\nМаҳалла профилактика инспектори [фамилияси, исми] [сана] куни [қўшни] билан профилактика суҳбати ўтказди ва у қонунбузарлик такрорланса жавобгарликка тортилиши ҳақида огоҳлантирилди. [Бошқа чоралар.]\n\nҲолат такрорланса, инспекторга [телефон рақами] орқали ёки 102 рақамига мурожаат қилинг.',
      },
      ru: {
        title: 'Спор с соседями: профилактическая беседа',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\nИнспектор профилактики махалли [фамилия, имя] [дата] провёл профилактическую беседу с [сосед] и предупредил его об ответственности при повторении нарушений. [Иные меры.]\n\nЕсли нарушения повторятся, обратитесь к инспектору по телефону [номер] или звоните 102.',
      },
      en: {
        title: 'Dispute with neighbours: preventive talk',
        body: 'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\nOn [date] the mahalla prevention inspector [name] held a preventive talk with [the neighbour] and warned them of liability if the violations happen again. [Other measures.]\n\nIf it happens again, contact the inspector at [phone] or call 102.',
      },
    },
  },
  {
    category: 'residence_registration',
    outcome: 'explained',
    texts: {
      uz: {
        title: 'Yashash joyi boʻyicha roʻyxatga olish: tushuntirish',
        body: 'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\nYashash joyi boʻyicha roʻyxatga olish Davlat xizmatlari markazida yoki my.gov.uz portali orqali amalga oshiriladi. Kerakli hujjatlar: pasport yoki ID-karta, [uy-joyga egalik hujjati yoki mulkdorning roziligi], [boshqa hujjatlar].\n\n[Sizning holatingiz boʻyicha tushuntirish.] Savollar boʻlsa, [boʻlinma telefoni] ga qoʻngʻiroq qiling.',
      },
      oz: {
        title: 'Яшаш жойи бўйича рўйхатга олиш: тушунтириш',
        body: 'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\nЯшаш жойи бўйича рўйхатга олиш Давлат хизматлари марказида ёки my.gov.uz портали орқали амалга оширилади. Керакли ҳужжатлар: паспорт ёки ID-карта, [уй-жойга эгалик ҳужжати ёки мулкдорнинг розилиги], [бошқа ҳужжатлар].\n\n[Сизнинг ҳолатингиз бўйича тушунтириш.] Саволлар бўлса, [бўлинма телефони] га қўнғироқ қилинг.',
      },
      ru: {
        title: 'Регистрация по месту жительства: разъяснение',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\nРегистрация по месту жительства оформляется в Центре государственных услуг или через портал my.gov.uz. Нужны паспорт или ID-карта, [документ о праве на жильё или согласие собственника], [иные документы].\n\n[Разъяснение по вашему случаю.] С вопросами звоните по телефону [телефон подразделения].',
      },
      en: {
        title: 'Registration at the place of residence: explanation',
        body: 'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\nRegistration at the place of residence is done at a Public Services Centre or on the my.gov.uz portal. You need your passport or ID card, [a document of title to the home or the owner’s consent] and [other documents].\n\n[An explanation for your case.] If you have questions, call [the unit’s phone].',
      },
    },
  },
  {
    category: 'officer_conduct',
    outcome: 'explained',
    texts: {
      uz: {
        title: 'Xodim harakatlari: xizmat tekshiruvi natijasi',
        body: 'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingizda koʻrsatilgan xodimning harakatlari yuzasidan {{unit}} tomonidan xizmat tekshiruvi oʻtkazildi.\n\nTekshiruvda aniqlandi: [aniqlangan holatlar]. [Xodimga nisbatan intizomiy chora koʻrildi / xodimning harakatlarida qoidabuzarlik aniqlanmadi, sababi: ..].\n\nMurojaatingiz xodim ishlaydigan boʻlinmaga emas, undan yuqori turuvchi organga yuborilgan. Natijaga rozi boʻlmasangiz, prokuraturaga yoki sudga shikoyat qilishingiz mumkin.',
      },
      oz: {
        title: 'Ходим ҳаракатлари: хизмат текшируви натижаси',
        body: 'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингизда кўрсатилган ходимнинг ҳаракатлари юзасидан {{unit}} томонидан хизмат текшируви ўтказилди.\n\nТекширувда аниқланди: [аниқланган ҳолатлар]. [Ходимга нисбатан интизомий чора кўрилди / ходимнинг ҳаракатларида қоидабузарлик аниқланмади, сабаби: ..].\n\nМурожаатингиз ходим ишлайдиган бўлинмага эмас, ундан юқори турувчи органга юборилган. Натижага рози бўлмасангиз, прокуратурага ёки судга шикоят қилишингиз мумкин.',
      },
      ru: {
        title: 'Действия сотрудника: результат служебной проверки',
        body: 'Уважаемый(ая) {{applicantName}}!\n\nПо вашему обращению № {{number}} от {{receivedOn}} о действиях сотрудника проведена служебная проверка: {{unit}}.\n\nПроверкой установлено: [установленные обстоятельства]. [К сотруднику применены меры дисциплинарного воздействия / нарушений в действиях сотрудника не выявлено, потому что ..].\n\nВаше обращение рассматривал не отдел, где служит сотрудник, а вышестоящий орган. Если вы не согласны с результатом, его можно обжаловать в прокуратуру или в суд.',
      },
      en: {
        title: 'An officer’s conduct: result of the internal inquiry',
        body: 'Dear {{applicantName}},\n\nThe conduct of the officer named in your appeal {{number}} of {{receivedOn}} was the subject of an internal inquiry by {{unit}}.\n\nThe inquiry found: [what was established]. [Disciplinary measures were taken against the officer / no misconduct was found, because ..].\n\nYour appeal was examined by a body above the officer’s own unit, not by that unit. If you disagree with the result, you may complain to the prosecutor’s office or to a court.',
      },
    },
  },
];

/** The starter set as rows, one per category and language. */
export function starterTemplates(): StarterTemplate[] {
  return starters.flatMap(({ category, outcome, texts }) =>
    (Object.keys(texts) as StarterTemplate['language'][]).map((language) => ({
      category,
      language,
      outcome,
      title: texts[language].title,
      body: texts[language].body,
    })),
  );
}
