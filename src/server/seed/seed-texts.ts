// Sentence templates for generated appeals, written the way citizens write to the police: Uzbek Latin
// (the Cyrillic variant is transliterated from it, as people with a Cyrillic keyboard would type it),
// Russian and a little English. `{district}`, `{place}`, `{when}`, `{amount}`, `{plate}`, `{officer}`
// and `{number}` are filled by the generator. Each sentence is a whole sentence, so texts are joined
// from them with single spaces.

/** The topic groups the 32 categories of the taxonomy fall into, for choosing sentences. */
export type Topic =
  | 'officer'
  | 'investigation'
  | 'crime'
  | 'fraud'
  | 'family'
  | 'road'
  | 'migration'
  | 'licence'
  | 'neighbours'
  | 'proposal'
  | 'gratitude';

/** Which topic's sentences an appeal of a category is written with. */
export const topicOfCategory: Readonly<Record<string, Topic>> = {
  officer_conduct: 'officer',
  officer_corruption: 'officer',
  unlawful_detention: 'officer',
  investigation_complaint: 'investigation',
  missing_person: 'investigation',
  crime_report: 'crime',
  threat_to_life: 'crime',
  theft: 'crime',
  drugs: 'crime',
  fraud: 'fraud',
  cybercrime: 'fraud',
  domestic_violence: 'family',
  juvenile: 'family',
  road_traffic: 'road',
  traffic_fines: 'road',
  driving_licence: 'road',
  passport_id: 'migration',
  residence_registration: 'migration',
  citizenship: 'migration',
  foreigners: 'migration',
  exit_abroad: 'migration',
  weapons_licence: 'licence',
  security_licence: 'licence',
  certificates: 'licence',
  police_employment: 'licence',
  neighbour_dispute: 'neighbours',
  property_money_dispute: 'neighbours',
  mahalla_inspector: 'neighbours',
  public_order: 'neighbours',
  police_work_proposal: 'proposal',
  gratitude: 'gratitude',
  other: 'neighbours',
};

/** Sentences of one language: openings, the substance per topic, requests and closings. */
export interface LanguageTexts {
  greetings: readonly string[];
  intros: readonly string[];
  topics: Readonly<Record<Topic, readonly string[]>>;
  details: readonly string[];
  requests: readonly string[];
  closings: readonly string[];
  repeat: readonly string[];
  places: readonly string[];
  when: readonly string[];
  officers: readonly string[];
}

export const uzLatin: LanguageTexts = {
  greetings: ['Assalomu alaykum.', 'Assalomu alaykum, hurmatli rahbariyat!', 'Hurmatli IIV xodimlari!', ''],
  intros: [
    'Men {district} hududida yashayman.',
    'Men {district}da istiqomat qiluvchi fuqaroman.',
    'Sizga {district} aholisi nomidan murojaat qilyapman.',
    'Oʻzim {district}da yashayman, nafaqadaman.',
    'Men {district}dagi mahallalardan birida yashovchi ona sifatida yozyapman.',
  ],
  topics: {
    officer: [
      '{when} {place} yonida {officer} menga qoʻpol muomala qildi va hujjatlarimni sababsiz tekshirdi.',
      'Profilaktika inspektori {officer} arizamni qabul qilishdan bosh tortdi va meni qoʻrqitdi.',
      'Yoʻl patrul xizmati xodimi {amount} soʻm pul talab qildi, bermasam haydovchilik guvohnomamni olib qolishini aytdi.',
      'Ukamni {when} hech qanday asossiz ushlab ketishdi, uch soatdan beri qayerdaligini aytishmayapti.',
      'Xodimlar uyimizni qarorsiz tintuv qilishdi va bayonnoma bermadilar.',
      'Navbatchilik qismidagi xodim telefonda baqirdi va murojaatimni yozib olmadi.',
    ],
    investigation: [
      '{when} ichki ishlar boʻlimiga ariza bergan edim, lekin hanuzgacha tergov boshlanmagan.',
      'Jinoyat ishi boʻyicha tergovchi meni uch oydan beri chaqirmayapti, ish qayerda ekanini bilmayman.',
      'Oʻgʻlim {when} uydan chiqib ketgan va qaytmadi, telefoni oʻchiq.',
      'Qizimni izlab topishda yordam berishingizni soʻrayman, politsiya faqat ariza yozib qoʻydi xolos.',
      'Surishtiruvchi dalillarni hisobga olmasdan ishni toʻxtatdi, qarorni menga koʻrsatishmadi.',
    ],
    crime: [
      '{when} {place} yonida telefonimni oʻgʻirlab ketishdi.',
      'Uyimizga {when} oʻgʻri tushdi, {amount} soʻm pul va tilla buyumlar yoʻqoldi.',
      'Qoʻshni koʻchada yoshlar giyohvand moddalar sotishayotganini koʻp marta koʻrdim.',
      'Menga nomaʼlum shaxslar telefon qilib oʻldirish bilan qoʻrqityapti, hayotim xavf ostida.',
      'Avtomashinam {plate} raqamli, {when} hovlidan oʻgʻirlab ketildi.',
      '{place} oldida mushtlashuv boʻldi, bir kishi jarohat oldi.',
    ],
    fraud: [
      'Internetda eʼlon orqali {amount} soʻm toʻlab yubordim, lekin tovar kelmadi va sotuvchi javob bermayapti.',
      'Bank kartamdan {when} mening roziligimsiz {amount} soʻm yechib olindi.',
      'Telegramda oʻzini bank xodimi deb tanishtirgan shaxs SMS kodni soʻrab, hisobimni boʻshatdi.',
      'Chet elga ishga joylashtirib qoʻyamiz deb {amount} soʻm olishdi va gʻoyib boʻlishdi.',
      'Mening nomimdan kredit olinganini bildim, men hech qanday shartnoma imzolamaganman.',
    ],
    family: [
      'Turmush oʻrtogʻim meni muntazam kaltaklaydi, bolalarim bilan qoʻrquvda yashayapmiz.',
      'Qoʻshnimiz xotinini urayotganini tez-tez eshitamiz, bolalar yigʻlaydi.',
      'Oʻgʻlim maktabga bormay, kechalari notanish yigitlar bilan yuradi, yordam kerak.',
      'Kelinimga himoya orderi berilishini soʻraymiz, u qaynonasidan zoʻravonlik koʻrmoqda.',
    ],
    road: [
      '{place} yonidagi chorrahada svetofor ishlamaydi, har kuni avariya xavfi bor.',
      'Menga {when} jarima yozishdi, lekin avtomashinam {plate} oʻsha kuni garajda turgan edi.',
      'Haydovchilik guvohnomamni almashtirish uchun hujjat topshirganimga bir oy boʻldi, javob yoʻq.',
      'Maktab oldida piyodalar oʻtish joyi yoʻq, mashinalar juda tez yuradi.',
      'Foto-video qayd etish kamerasi notoʻgʻri tezlikni koʻrsatgan, jarimani bekor qilishingizni soʻrayman.',
      'Avtomashinani roʻyxatdan oʻtkazishda xodimlar navbatsiz pul evaziga ishlayapti.',
    ],
    migration: [
      'Biometrik pasport olish uchun {when} hujjat topshirdim, hali ham tayyor emas.',
      'Doimiy propiskaga qoʻyish uchun murojaat qilsam, qoʻshimcha maʼlumotnomalar talab qilishyapti.',
      'Farzandimga ID karta rasmiylashtirishda navbat juda uzun, onlayn yozilib boʻlmayapti.',
      'Xorijga chiqish uchun pasportimni muddatidan oldin almashtirishim kerak.',
      'Fuqarolikka qabul qilish haqidagi arizam bir yildan beri koʻrib chiqilmayapti.',
      'Chet ellik turmush oʻrtogʻimni vaqtincha roʻyxatga qoʻyish tartibini tushuntirib bering.',
    ],
    licence: [
      'Ov miltigʻiga ruxsatnomani uzaytirish uchun qanday hujjatlar kerakligini bilmoqchiman.',
      'Sudlanmaganlik haqida maʼlumotnoma olish uchun ariza berdim, lekin bir haftadan beri tayyor emas.',
      'Ichki ishlar organlariga ishga kirish shartlari haqida maʼlumot bering.',
      'Xususiy qoʻriqlash faoliyati litsenziyasi boʻyicha arizamiz muddatida koʻrib chiqilmadi.',
      'Arxivdan otamning ishi boʻyicha maʼlumotnoma olishim kerak.',
    ],
    neighbours: [
      'Qoʻshnim yer chegarasini buzib, devor qurib oldi va gaplashishni istamaydi.',
      'Qoʻshnilarimiz har kuni tunda baland ovozda musiqa qoʻyishadi, bolalar uxlay olmaydi.',
      'Bir tanishimga {amount} soʻm qarz bergan edim, qaytarmayapti va telefonini koʻtarmaydi.',
      'Mahalla inspektori {officer} aholi bilan umuman uchrashmaydi, muammolarimiz hal boʻlmayapti.',
      '{place} atrofida kechasi mast yoshlar toʻplanib, tartibni buzishadi.',
      'Koʻchamizdagi chiroqlar yonmaydi, kechasi xavfli, bolalar qorongʻida qaytishadi.',
    ],
    proposal: [
      'Ichki ishlar boʻlimlarida elektron navbat tizimini joriy qilishni taklif qilaman.',
      'Mahalla inspektorlari uchun aholi bilan haftalik ochiq qabul kunlarini belgilash kerak deb hisoblayman.',
      '{place} atrofida qoʻshimcha videokuzatuv kameralari oʻrnatishni taklif qilaman.',
      'Murojaatlar holatini SMS orqali bildirib borish tizimini yaratish foydali boʻlardi.',
    ],
    gratitude: [
      '{officer}ga yoʻqolgan hujjatlarimni tezda topib berganlari uchun minnatdorchilik bildiraman.',
      'Profilaktika inspektori {officer} mahallamizda tartib oʻrnatgani uchun rahmat aytmoqchimiz.',
      'Yoʻl patrul xizmati xodimlari yoʻlda buzilib qolganimda yordam berishdi, ularga katta rahmat.',
    ],
  },
  details: [
    'Bu haqda avval ham ogʻzaki murojaat qilganman, lekin natija boʻlmadi.',
    'Guvohlar bor, kerak boʻlsa ularning telefon raqamlarini beraman.',
    'Voqea videoga olingan, yozuvni taqdim etishim mumkin.',
    'Holat ancha vaqtdan beri davom etmoqda va yomonlashmoqda.',
    'Men bu masala boʻyicha {when} ham murojaat qilgan edim.',
    'Hujjatlarning nusxalarini ilova qilyapman.',
    'Oilamizda kichik bolalar va keksa ota-onam bor.',
    'Bu holat nafaqat menga, balki butun mahallaga taʼsir qilmoqda.',
  ],
  requests: [
    'Iltimos, ushbu masalani koʻrib chiqib, chora koʻrishingizni soʻrayman.',
    'Qonun doirasida tekshiruv oʻtkazishingizni soʻrayman.',
    'Aybdorlarni javobgarlikka tortishingizni soʻraymiz.',
    'Menga yozma javob berishingizni soʻrayman.',
    'Yordam berishingizni iltimos qilaman.',
  ],
  closings: ['Hurmat bilan.', 'Oldindan rahmat.', 'Javobingizni kutaman.', ''],
  repeat: [
    'Avvalgi {number} raqamli murojaatimga berilgan javob meni qoniqtirmadi.',
    '{number} raqamli murojaatim boʻyicha muddat oʻtdi, lekin javob olmadim.',
    '{number} raqamli murojaatimga javob berildi, ammo muammo hal qilinmadi.',
  ],
  places: [
    'bozor',
    'metro bekati',
    'maktab',
    'avtobus bekati',
    'savdo markazi',
    'kasalxona',
    'mahalla guzari',
    'bank filiali',
  ],
  when: ['Kecha', 'Bugun ertalab', 'Oʻtgan hafta', 'Uch kun oldin', 'Shu oy boshida', 'Bir oy oldin'],
  officers: ['katta leytenant Karimov', 'leytenant Toshmatov', 'kapitan Rahimov', 'serjant Aliyev'],
};

export const russian: LanguageTexts = {
  greetings: ['Здравствуйте!', 'Добрый день.', 'Уважаемое руководство!', ''],
  intros: [
    'Место проживания: {district}.',
    'Я житель, мой адрес: {district}.',
    'Я пенсионер, проживаю здесь: {district}.',
    'Пишу от имени жителей нашей махалли ({district}).',
  ],
  topics: {
    officer: [
      '{when} у {place} {officer} грубо разговаривал со мной и без причины проверял документы.',
      'Участковый инспектор {officer} отказался принять моё заявление и угрожал мне.',
      'Инспектор ДПС потребовал {amount} сумов, иначе обещал забрать водительское удостоверение.',
      'Моего брата {when} задержали без всяких оснований, уже несколько часов не сообщают, где он.',
      'Сотрудники провели обыск в нашем доме без постановления и не выдали протокол.',
    ],
    investigation: [
      '{when} я подал заявление в отдел внутренних дел, но расследование до сих пор не начато.',
      'Следователь по уголовному делу не вызывает меня уже три месяца.',
      'Мой сын {when} ушёл из дома и не вернулся, телефон выключен.',
      'Дознаватель прекратил дело, не учтя доказательства, постановление мне не показали.',
    ],
    crime: [
      '{when} возле {place} у меня украли телефон.',
      'В наш дом {when} проникли воры, пропали {amount} сумов и золотые украшения.',
      'Неизвестные звонят мне и угрожают убийством, моя жизнь в опасности.',
      'Мой автомобиль с номером {plate} {when} угнали со двора.',
      'Возле {place} постоянно продают наркотики, все об этом знают.',
    ],
    fraud: [
      'Я перевёл {amount} сумов по объявлению в интернете, но товар не пришёл, продавец не отвечает.',
      'С моей банковской карты {when} без моего согласия списали {amount} сумов.',
      'Человек, представившийся сотрудником банка, выманил у меня код из СМС и опустошил счёт.',
      'Обещали трудоустройство за границей, взяли {amount} сумов и исчезли.',
    ],
    family: [
      'Муж регулярно избивает меня, мы с детьми живём в страхе.',
      'Соседи часто слышат, как сосед бьёт жену, дети плачут.',
      'Мой сын-подросток перестал ходить в школу и проводит ночи с незнакомыми людьми.',
      'Просим выдать охранный ордер нашей невестке, она терпит насилие.',
    ],
    road: [
      'На перекрёстке возле {place} не работает светофор, каждый день риск аварии.',
      'Мне {when} выписали штраф, хотя мой автомобиль {plate} в тот день стоял в гараже.',
      'Прошёл месяц, как я сдал документы на замену водительского удостоверения, ответа нет.',
      'Камера фотовидеофиксации показала неверную скорость, прошу отменить штраф.',
    ],
    migration: [
      'Я сдал документы на биометрический паспорт {when}, он до сих пор не готов.',
      'Для постоянной прописки от меня требуют дополнительные справки.',
      'Моё заявление о приёме в гражданство не рассматривается больше года.',
      'Разъясните порядок временной регистрации для супруга-иностранца.',
    ],
    licence: [
      'Хочу узнать, какие документы нужны для продления разрешения на охотничье ружьё.',
      'Я подал заявление на справку о несудимости, но она не готова уже неделю.',
      'Прошу сообщить условия приёма на службу в органы внутренних дел.',
    ],
    neighbours: [
      'Сосед нарушил границу участка, построил стену и отказывается разговаривать.',
      'Соседи каждую ночь громко включают музыку, дети не могут спать.',
      'Я дал знакомому в долг {amount} сумов, он не возвращает и не берёт трубку.',
      'Возле {place} по ночам собирается пьяная молодёжь и нарушает порядок.',
    ],
    proposal: [
      'Предлагаю внедрить электронную очередь в отделах внутренних дел.',
      'Предлагаю установить дополнительные камеры видеонаблюдения возле {place}.',
      'Было бы полезно сообщать о ходе рассмотрения обращений по СМС.',
    ],
    gratitude: [
      'Выражаю благодарность сотруднику {officer} за быстрый поиск моих утерянных документов.',
      'Благодарим инспекторов ДПС, которые помогли нам, когда машина сломалась на трассе.',
    ],
  },
  details: [
    'Я уже обращался устно, но результата нет.',
    'Есть свидетели, могу предоставить их номера телефонов.',
    'Происшествие снято на видео, запись могу предоставить.',
    'Ситуация длится давно и становится хуже.',
    'Копии документов прилагаю.',
    'В семье маленькие дети и пожилые родители.',
  ],
  requests: [
    'Прошу рассмотреть моё обращение и принять меры.',
    'Прошу провести проверку в соответствии с законом.',
    'Просим привлечь виновных к ответственности.',
    'Прошу дать письменный ответ.',
  ],
  closings: ['С уважением.', 'Заранее спасибо.', 'Жду ответа.', ''],
  repeat: [
    'Ответ на моё предыдущее обращение № {number} меня не удовлетворил.',
    'Срок рассмотрения моего обращения № {number} истёк, ответа нет.',
  ],
  places: ['рынка', 'станции метро', 'школы', 'остановки', 'торгового центра', 'больницы'],
  when: ['Вчера', 'Сегодня утром', 'На прошлой неделе', 'Три дня назад', 'В начале месяца'],
  officers: ['старший лейтенант Каримов', 'лейтенант Ташматов', 'капитан Рахимов', 'сержант Алиев'],
};

export const english: LanguageTexts = {
  greetings: ['Hello,', 'Dear Sir or Madam,', ''],
  intros: [
    'I am a foreign resident living in {district}.',
    'I am visiting Uzbekistan and staying in {district}.',
  ],
  topics: {
    officer: ['{when} an officer near the {place} demanded money and kept my passport for an hour.'],
    investigation: ['I reported a theft {when} but nobody has contacted me since.'],
    crime: [
      'My phone was stolen near the {place} {when}.',
      'Someone broke into my rented flat and took {amount} sum in cash.',
    ],
    fraud: ['I paid {amount} sum for a flat advertised online and the owner disappeared.'],
    family: ['My neighbour is being beaten by her husband, I can hear it every night.'],
    road: ['I received a speeding fine for car {plate}, but I was not driving that day.'],
    migration: [
      'My temporary registration expires soon and the hotel refused to extend it.',
      'I need to know how to register my stay after moving to a private flat.',
    ],
    licence: ['Please tell me how to obtain a certificate of no criminal record for a visa.'],
    neighbours: ['Loud music from the flat above continues every night after midnight.'],
    proposal: ['Please add an English version of the appeal forms on your website.'],
    gratitude: ['I want to thank {officer} who helped me find my lost bag.'],
  },
  details: ['I can provide receipts and screenshots.', 'I have already called the hotline twice.'],
  requests: ['Please look into this matter.', 'I would be grateful for a written reply.'],
  closings: ['Kind regards.', 'Thank you.', ''],
  repeat: ['The answer to my earlier appeal {number} did not solve the problem.'],
  places: ['bazaar', 'metro station', 'hotel', 'bus stop'],
  when: ['yesterday', 'last week', 'this morning'],
  officers: ['Lieutenant Karimov', 'Captain Rakhimov'],
};

/** The shared paragraph of each mass campaign, with the category it is about. */
export const campaigns = [
  {
    category: 'road_traffic',
    uz: 'Yangi oʻrnatilgan tezlikni qayd etish kameralari {district}dagi katta yoʻlda notoʻgʻri ishlayapti, yuzlab haydovchilarga asossiz jarima kelmoqda. Kameralarni tekshirib, jarimalarni qayta koʻrib chiqishingizni soʻraymiz.',
    ru: 'Новые камеры фиксации скорости на главной дороге в районе {district} работают неправильно, сотни водителей получают необоснованные штрафы. Просим проверить камеры и пересмотреть штрафы.',
  },
  {
    category: 'residence_registration',
    uz: '{district}da yangi qurilgan koʻp qavatli uylarga propiska qilish toʻxtatib qoʻyilgan, bolalarimiz maktab va poliklinikaga yozila olmayapti. Masalani hal qilishingizni soʻraymiz.',
    ru: 'В новых многоэтажных домах района {district} приостановлена прописка, наши дети не могут записаться в школу и поликлинику. Просим решить вопрос.',
  },
] as const;

/** Bodies an appeal outside the police's competence is forwarded to. */
export const forwardTargets = [
  'Prokuratura',
  'Tuman hokimligi',
  'Sud',
  'Soliq qoʻmitasi',
  'Sogʻliqni saqlash boshqarmasi',
  'Mahalla va nuroniylarni qoʻllab-quvvatlash vazirligi',
  'Favqulodda vaziyatlar vazirligi',
] as const;

/** Answer bodies by outcome, short as the approved answers of a busy appeals unit are. */
export const answerBodies = {
  satisfied: [
    'Murojaatingiz koʻrib chiqildi. Koʻrsatilgan holat tasdiqlandi va aybdor shaxslarga nisbatan chora koʻrildi.',
    'Murojaatingiz qanoatlantirildi: hujjatlaringiz tayyor, ularni boʻlimdan olishingiz mumkin.',
  ],
  explained: [
    'Murojaatingiz koʻrib chiqildi. Qonunchilikka muvofiq tartib tushuntirildi; bu javob ustidan yuqori organga bir yil ichida shikoyat qilishingiz mumkin.',
    'Sizga ushbu masala boʻyicha qonuniy tartib tushuntiriladi: zarur hujjatlar roʻyxati ilova qilindi.',
  ],
  rejected: [
    'Oʻtkazilgan tekshiruv natijasida murojaatda keltirilgan holatlar oʻz tasdigʻini topmadi.',
    'Murojaatingiz asoslanmagan deb topildi; qaror ustidan qonunda belgilangan tartibda shikoyat qilishingiz mumkin.',
  ],
} as const;

/** Uzbek family names, given names and patronymics (Latin), for generated applicants. */
export const names = {
  last: [
    'Karimov',
    'Rahimov',
    'Toshmatov',
    'Aliyev',
    'Yusupov',
    'Abdullayev',
    'Ergashev',
    'Xolmatov',
    'Sobirov',
    'Qodirov',
    'Nazarov',
    'Mirzayev',
    'Usmonov',
    'Rasulov',
    'Saidov',
    'Hasanov',
    'Ismoilov',
    'Jurayev',
    'Tursunov',
    'Qurbonov',
    'Normatov',
    'Sultonov',
    'Boboyev',
    'Xudoyberdiyev',
    'Oripov',
    'Ahmedov',
    'Valiyev',
    'Zokirov',
    'Sharipov',
    'Umarov',
  ],
  firstMale: [
    'Aziz',
    'Bobur',
    'Sardor',
    'Jasur',
    'Otabek',
    'Shoxrux',
    'Dilshod',
    'Rustam',
    'Farrux',
    'Sherzod',
    'Ulugʻbek',
    'Anvar',
    'Jamshid',
    'Nodir',
    'Akmal',
    'Sanjar',
  ],
  firstFemale: [
    'Dilnoza',
    'Malika',
    'Nilufar',
    'Gulnora',
    'Madina',
    'Shahnoza',
    'Zarina',
    'Feruza',
    'Nodira',
    'Sevara',
    'Mohira',
    'Kamola',
    'Dildora',
    'Gulchehra',
  ],
  fathers: ['Akmal', 'Bahodir', 'Rustam', 'Anvar', 'Karim', 'Olim', 'Shavkat', 'Tohir', 'Ulugʻbek', 'Hamid'],
  streets: [
    'Navoiy',
    'Amir Temur',
    'Bobur',
    'Mustaqillik',
    'Gulzor',
    'Yangi hayot',
    'Bogʻishamol',
    'Oʻzbekiston',
  ],
  organizations: [
    '"Baraka Savdo" MChJ',
    '"Toshkent Trans Servis" MChJ',
    '"Orzu Qurilish" MChJ',
    '"Yangi Asr" XK',
    '"Agro Invest" MChJ',
    '"Sharq Lizing" AJ',
  ],
} as const;
