import type { AppealType, Channel, Outcome } from '../../contracts/enums.ts';

/** A demo appeal of the training sandbox, before it is placed in a trainee's unit. */
export interface DemoAppeal {
  type: AppealType;
  channel: Channel;
  applicant: Record<string, string> | null;
  text: string;
  category: string | null;
  /** How many days before now it arrived. */
  daysAgo: number;
  stage: 'registered' | 'assigned' | 'in_progress' | 'answer_drafted' | 'conclusion_drafted';
  urgent?: boolean;
  draft?: { body: string; outcome: Outcome };
}

const person = (lastName: string, firstName: string, phone: string, address: string) => ({
  kind: 'individual',
  lastName,
  firstName,
  address,
  phone,
});

// Realistic but invented appeals in the languages people write in, at every stage a trainee meets:
// triage, routing, acceptance, drafting, approval, a conclusion, an overdue and an urgent one.
export const demoAppeals: DemoAppeal[] = [
  {
    type: 'ariza',
    channel: 'hotline',
    applicant: person('Karimov', 'Aziz', '+998900000101', 'Yunusobod tumani, 5-mavze, 12-uy'),
    text: 'Kecha kechqurun bozorda telefonimni oʻgʻirlab ketishdi. Samsung A54, qora rangda. Iltimos, topishga yordam bering.',
    category: null,
    daysAgo: 1,
    stage: 'registered',
  },
  {
    type: 'shikoyat',
    channel: 'web',
    applicant: person('Рашидова', 'Дилноза', '+998900000102', 'Чилонзор тумани, 9-мавзе, 4-уй'),
    text: 'Менга йўл ҳаракати қоидаларини бузганлик учун жарима келди, лекин ўша куни машинам гаражда турган эди. Жаримани бекор қилишингизни сўрайман.',
    category: 'traffic_fines',
    daysAgo: 0,
    stage: 'registered',
  },
  {
    type: 'taklif',
    channel: 'web',
    applicant: person('Петров', 'Игорь', '+998900000103', 'ул. Амира Темура, 15'),
    text: 'Предлагаю установить камеры видеонаблюдения у школы № 110: по утрам машины проезжают на большой скорости рядом с детьми.',
    category: 'police_work_proposal',
    daysAgo: 2,
    stage: 'registered',
  },
  {
    type: 'ariza',
    channel: 'web',
    applicant: null,
    text: 'Mahallamizda kechasi yoshlar toʻplanib shovqin qiladi, spirtli ichimlik ichishadi. Choralar koʻrishingizni soʻraymiz.',
    category: 'public_order',
    daysAgo: 1,
    stage: 'conclusion_drafted',
  },
  {
    type: 'ariza',
    channel: 'reception',
    applicant: person('Toshmatova', 'Malika', '+998900000105', 'Mirobod tumani, Qoʻrgʻontepa koʻchasi, 7'),
    text: 'Qoʻshnim hovlimizga chiqindi tashlaydi va ogohlantirishlarimizga quloq solmaydi. Mahalla inspektori orqali chora koʻrishingizni soʻrayman.',
    category: 'neighbour_dispute',
    daysAgo: 3,
    stage: 'assigned',
  },
  {
    type: 'ariza',
    channel: 'email',
    applicant: person('Ахмедов', 'Рустам', '+998900000106', 'Сергелийский район, 3-й квартал, дом 21'),
    text: 'Прошу сообщить, когда будет готов мой ID-паспорт: заявление подано полтора месяца назад, срок давно прошёл.',
    category: 'passport_id',
    daysAgo: 12,
    stage: 'assigned',
  },
  {
    type: 'ariza',
    channel: 'web',
    applicant: person('Yusupov', 'Sardor', '+998900000107', 'Olmazor tumani, Qorasaroy koʻchasi, 33'),
    text: 'Vaqtincha roʻyxatga olish (propiska) uchun hujjat topshirganman, ammo hali javob yoʻq. Qachon tayyor boʻlishini bilmoqchiman.',
    category: 'residence_registration',
    daysAgo: 5,
    stage: 'in_progress',
  },
  {
    type: 'shikoyat',
    channel: 'post',
    applicant: person('Норматов', 'Бахтиёр', '+998900000108', 'Шайхонтоҳур тумани, Навоий кўчаси, 40'),
    text: 'Уйимиз ёнидаги кафе ҳар куни ярим тунгача баланд овозда мусиқа қўяди. Бир неча бор мурожаат қилдим, ҳеч нарса ўзгармади.',
    category: 'public_order',
    daysAgo: 17,
    stage: 'in_progress',
  },
  {
    type: 'ariza',
    channel: 'web',
    applicant: person(
      'Qodirova',
      'Nilufar',
      '+998900000109',
      'Yakkasaroy tumani, Shota Rustaveli koʻchasi, 2',
    ),
    text: 'Ishga kirish uchun sudlanmaganlik haqida maʼlumotnoma kerak. Uni qanday va qayerdan olishim mumkin?',
    category: 'certificates',
    daysAgo: 8,
    stage: 'answer_drafted',
    draft: {
      outcome: 'explained',
      body: 'Hurmatli Nilufar Qodirova! Sudlanmaganlik haqidagi maʼlumotnomani my.gov.uz portali orqali yoki yashash joyingizdagi davlat xizmatlari markazida olishingiz mumkin. Maʼlumotnoma 3 ish kunida tayyorlanadi.',
    },
  },
  {
    type: 'ariza',
    channel: 'hotline',
    applicant: person('Ergasheva', 'Gulnora', '+998900000110', 'Bektemir tumani, 11-uy'),
    text: 'Sobiq turmush oʻrtogʻim har kuni telefon qilib meni oʻldiraman deb qoʻrqityapti, bugun eshik oldiga keldi. Qoʻrqyapman, yordam bering!',
    category: 'threat_to_life',
    daysAgo: 0,
    stage: 'assigned',
    urgent: true,
  },
];
