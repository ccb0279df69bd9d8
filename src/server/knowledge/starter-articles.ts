import type { UiLanguage } from '../../contracts/enums.ts';

/**
 * The chatbot's first articles, written to citizens in the four interface languages from the law on appeals
 * (docs/domain.md): deadlines, where to file, what an appeal must contain, how to complain, what "not
 * considered" means, how to track an appeal, and what to do in an emergency. The Uzbek Cyrillic texts are the
 * Latin ones through the project's transliteration, read over by hand. `keywords` holds the words people ask
 * with, which retrieval reads besides the title and body. Installed once; administrators edit them since.
 */
export interface StarterArticle {
  language: UiLanguage;
  title: string;
  body: string;
  keywords: string;
}

/** The settings key that records the starter articles were installed (a new set gets a new key). */
export const STARTER_ARTICLES_KEY = 'knowledge.starterSet.v1';

type Texts = Record<UiLanguage, { title: string; body: string; keywords: string }>;

const starters: { topic: string; texts: Texts; karakalpakKeywords: string }[] = [
  {
    topic: 'deadlines',
    karakalpakKeywords:
      'qashan juwap beriledi murájatıma juwap neshe kún múddet qansha waqıt kútiw juwap kelmedi keshikti uzaytıldı 15 kún bir ay',
    texts: {
      uz: {
        title: 'Murojaat qancha muddatda koʻrib chiqiladi?',
        body: 'Ariza va shikoyat qabul qilingan kundan boshlab 15 kun ichida koʻrib chiqiladi.\n\nQoʻshimcha oʻrganish, tekshiruv yoki hujjatlar kerak boʻlsa, muddat 1 oygacha boʻladi. Rahbar bu muddatni faqat bir marta, yana 1 oygacha uzaytirishi mumkin va bu haqda sizga yozma xabar beriladi.\n\nTaklif 1 oygacha koʻrib chiqiladi. Murojaat boshqa idoraning vakolatiga tegishli boʻlsa, 5 kun ichida oʻsha idoraga yuboriladi va sizga xabar beriladi.\n\nMuddat dam olish kuniga toʻgʻri kelsa, keyingi ish kunida tugaydi. Muddatni kuzatish sahifasida murojaat raqami va maxfiy kod bilan koʻrishingiz mumkin.',
        keywords:
          'qachon javob beriladi qachon javob berishadi murojaatimga javob necha kun muddat qancha vaqt kutish javob kelmadi kechikdi uzaytirildi 15 kun bir oy',
      },
      oz: {
        title: 'Мурожаат қанча муддатда кўриб чиқилади?',
        body: 'Ариза ва шикоят қабул қилинган кундан бошлаб 15 кун ичида кўриб чиқилади.\n\nҚўшимча ўрганиш, текширув ёки ҳужжатлар керак бўлса, муддат 1 ойгача бўлади. Раҳбар бу муддатни фақат бир марта, яна 1 ойгача узайтириши мумкин ва бу ҳақда сизга ёзма хабар берилади.\n\nТаклиф 1 ойгача кўриб чиқилади. Мурожаат бошқа идоранинг ваколатига тегишли бўлса, 5 кун ичида ўша идорага юборилади ва сизга хабар берилади.\n\nМуддат дам олиш кунига тўғри келса, кейинги иш кунида тугайди. Муддатни кузатиш саҳифасида мурожаат рақами ва махфий код билан кўришингиз мумкин.',
        keywords:
          'қачон жавоб берилади қачон жавоб беришади мурожаатимга жавоб неча кун муддат қанча вақт кутиш жавоб келмади кечикди узайтирилди 15 кун бир ой',
      },
      ru: {
        title: 'В какой срок рассматривается обращение?',
        body: 'Заявление и жалоба рассматриваются в течение 15 дней со дня поступления.\n\nЕсли нужно дополнительное изучение, проверка или документы, срок — до 1 месяца. Руководитель может продлить его только один раз, ещё не более чем на 1 месяц, и вам об этом сообщат письменно.\n\nПредложение рассматривается до 1 месяца. Если обращение относится к ведению другого органа, его направят туда в течение 5 дней и сообщат вам.\n\nЕсли срок выпадает на выходной, он заканчивается в следующий рабочий день. Срок видно на странице проверки статуса по номеру обращения и секретному коду.',
        keywords:
          'когда ответят сколько дней срок сколько ждать нет ответа задерживают продлили 15 дней месяц сроки рассмотрения',
      },
      en: {
        title: 'How long does it take to consider an appeal?',
        body: 'An application or a complaint is considered within 15 days of the day it was received.\n\nWhere extra study, an inspection or documents are needed, the term is up to 1 month. The head may extend it only once, by up to 1 more month, and you are told so in writing.\n\nA proposal is considered within 1 month. If the appeal belongs to another body, it is sent there within 5 days and you are told.\n\nA term that ends on a day off ends on the next working day. You can see the deadline on the tracking page with the appeal number and the secret code.',
        keywords:
          'when will I get an answer how many days deadline how long wait no answer late extended 15 days one month term',
      },
    },
  },
  {
    topic: 'where',
    karakalpakKeywords:
      'qayaqqa murájat etiw qayda barıw qayaqqa jazıw arza beriw onlayn telefon pochta qabıllawxana bólim mánzil',
    texts: {
      uz: {
        title: 'Murojaatni qayerga va qanday berish mumkin?',
        body: 'Murojaatni quyidagi yoʻllar bilan berishingiz mumkin:\n- shu portalda, “Murojaat yuborish” sahifasida, istalgan vaqtda;\n- Telegram-bot orqali;\n- ishonch telefoni 1102 orqali, operator murojaatingizni yozib oladi;\n- istalgan ichki ishlar boʻlimining qabulxonasiga kelib yoki pochta orqali yozma ravishda.\n\nMurojaat istalgan tilda yozilishi mumkin. U shu kuni roʻyxatga olinadi (ish vaqtidan keyin kelsa, keyingi ish kunida), roʻyxatga olishni rad etish taqiqlanadi. Murojaatni qaysi boʻlinma koʻrishini bilmasangiz ham boʻladi: uni kerakli boʻlinmaga oʻzimiz yuboramiz.',
        keywords:
          'qayerga murojaat qilish qayerga borish qayerga yozish qanday ariza berish onlayn telefon pochta qabulxona boʻlim manzil',
      },
      oz: {
        title: 'Мурожаатни қаерга ва қандай бериш мумкин?',
        body: 'Мурожаатни қуйидаги йўллар билан беришингиз мумкин:\n- шу порталда, “Мурожаат юбориш” саҳифасида, исталган вақтда;\n- Телеграм-бот орқали;\n- ишонч телефони 1102 орқали, оператор мурожаатингизни ёзиб олади;\n- исталган ички ишлар бўлимининг қабулхонасига келиб ёки почта орқали ёзма равишда.\n\nМурожаат исталган тилда ёзилиши мумкин. У шу куни рўйхатга олинади (иш вақтидан кейин келса, кейинги иш кунида), рўйхатга олишни рад этиш тақиқланади. Мурожаатни қайси бўлинма кўришини билмасангиз ҳам бўлади: уни керакли бўлинмага ўзимиз юборамиз.',
        keywords:
          'қаерга мурожаат қилиш қаерга бориш қаерга ёзиш қандай ариза бериш онлайн телефон почта қабулхона бўлим манзил',
      },
      ru: {
        title: 'Куда и как подать обращение?',
        body: 'Подать обращение можно:\n- на этом портале, на странице «Подать обращение», в любое время;\n- через Telegram-бот;\n- по телефону доверия 1102 — оператор запишет ваше обращение;\n- письменно, в приёмной любого отдела внутренних дел или по почте.\n\nОбращение можно написать на любом языке. Его регистрируют в тот же день (если оно пришло после рабочего времени — на следующий рабочий день), отказ в регистрации запрещён. Не нужно знать, какое подразделение его рассмотрит: мы сами передадим его куда нужно.',
        keywords:
          'куда обратиться куда идти куда писать как подать заявление онлайн телефон почта приёмная отдел адрес подача',
      },
      en: {
        title: 'Where and how can I file an appeal?',
        body: 'You can file an appeal:\n- on this portal, on the “File an appeal” page, at any time;\n- through the Telegram bot;\n- by calling the hotline 1102, where an operator writes your appeal down;\n- in writing, at the reception of any internal affairs department or by post.\n\nAn appeal may be written in any language. It is registered the same day (the next working day if it arrives after hours), and registration may not be refused. You do not need to know which unit will consider it: we pass it to the right one.',
        keywords:
          'where to go where to apply where to write how to file submit online phone post reception office address',
      },
    },
  },
  {
    topic: 'documents',
    karakalpakKeywords:
      'qanday hújjet kerek pasport isenim xat fayl qosıw súwret atı familiyası mánzil jazıw kerek',
    texts: {
      uz: {
        title: 'Murojaatda nimalar boʻlishi kerak, qanday hujjatlar kerak?',
        body: 'Jismoniy shaxsning murojaatida familiya, ism (otasining ismi), yashash joyi va murojaat mazmuni boʻlishi kerak. Yuridik shaxsning murojaatida toʻliq nomi, joylashgan joyi (pochta manzili) va mazmuni koʻrsatiladi.\n\nBoshqa shaxs nomidan murojaat qilsangiz, vakolatingizni tasdiqlovchi hujjat (masalan, ishonchnoma) ilova qiling.\n\nIshga aloqador hujjatlar nusxalari, rasmlar va fayllarni (rasm, PDF, ofis hujjatlari) biriktirishingiz mumkin; asl nusxalar kerak emas. Qancha aniq yozsangiz (nima, qachon, qayerda boʻldi), shuncha tez hal qilinadi.',
        keywords:
          'qanday hujjat kerak nima kerak pasport ishonchnoma fayl biriktirish rasm ilova ism familiya manzil yozish kerak',
      },
      oz: {
        title: 'Мурожаатда нималар бўлиши керак, қандай ҳужжатлар керак?',
        body: 'Жисмоний шахснинг мурожаатида фамилия, исм (отасининг исми), яшаш жойи ва мурожаат мазмуни бўлиши керак. Юридик шахснинг мурожаатида тўлиқ номи, жойлашган жойи (почта манзили) ва мазмуни кўрсатилади.\n\nБошқа шахс номидан мурожаат қилсангиз, ваколатингизни тасдиқловчи ҳужжат (масалан, ишончнома) илова қилинг.\n\nИшга алоқадор ҳужжатлар нусхалари, расмлар ва файлларни (расм, PDF, офис ҳужжатлари) бириктиришингиз мумкин; асл нусхалар керак эмас. Қанча аниқ ёзсангиз (нима, қачон, қаерда бўлди), шунча тез ҳал қилинади.',
        keywords:
          'қандай ҳужжат керак нима керак паспорт ишончнома файл бириктириш расм илова исм фамилия манзил ёзиш керак',
      },
      ru: {
        title: 'Что должно быть в обращении и какие нужны документы?',
        body: 'В обращении физического лица нужны фамилия, имя (отчество), место жительства и суть обращения. В обращении юридического лица — полное наименование, местонахождение (почтовый адрес) и суть.\n\nЕсли вы обращаетесь от имени другого человека, приложите документ, подтверждающий полномочия (например, доверенность).\n\nМожно приложить копии документов, фотографии и файлы (изображения, PDF, офисные документы); подлинники не нужны. Чем точнее вы опишете, что, когда и где произошло, тем быстрее решат вопрос.',
        keywords:
          'какие документы нужны что нужно паспорт доверенность приложить файл фото вложение имя фамилия адрес что писать',
      },
      en: {
        title: 'What must an appeal contain, and which documents are needed?',
        body: 'An individual’s appeal needs your surname, first name (patronymic), place of residence and what the appeal is about. A legal entity’s appeal needs its full name, location (postal address) and the substance.\n\nIf you write on someone else’s behalf, attach proof of your authority (for example, a power of attorney).\n\nYou may attach copies of documents, photos and files (images, PDF, office documents); originals are not needed. The more precisely you say what happened, when and where, the faster it is resolved.',
        keywords:
          'which documents do I need what is required passport power of attorney attach file photo name surname address what to write',
      },
    },
  },
  {
    topic: 'complain',
    karakalpakKeywords:
      'shaǵım etiw narazı juwaptan narazı joqarı organ ústinen shaǵım xızmetker ústinen policiya xızmetkeri qopal prokuratura sud bir jıl',
    texts: {
      uz: {
        title: 'Javobdan norozi boʻlsam, qanday shikoyat qilaman?',
        body: 'Javobga rozi boʻlmasangiz, javob berilgan kundan boshlab 1 yil ichida yuqori turuvchi boʻlinmaga shikoyat qilishingiz mumkin.\n\nEng oson yoʻli: kuzatish sahifasida murojaat raqami va maxfiy kodni kiriting va “Yuqori boʻlinmaga shikoyat qilish” tugmasini bosing. Shikoyat avvalgi murojaatingizga bogʻlanadi va javob bergan boʻlinmadan yuqoridagi boʻlinmaga yuboriladi.\n\nXodimning xatti-harakati ustidan shikoyat hech qachon oʻsha xodim yoki uning boʻlinmasiga berilmaydi: uni ichki xavfsizlik yoki yuqori boʻlinma koʻradi. Shuningdek, prokuraturaga yoki sudga murojaat qilish huquqingiz bor.',
        keywords:
          'shikoyat qilish norozi javobdan norozi yuqori organ ustidan shikoyat xodim ustidan politsiya xodimi qoʻpol prokuratura sud bir yil',
      },
      oz: {
        title: 'Жавобдан норози бўлсам, қандай шикоят қиламан?',
        body: 'Жавобга рози бўлмасангиз, жавоб берилган кундан бошлаб 1 йил ичида юқори турувчи бўлинмага шикоят қилишингиз мумкин.\n\nЭнг осон йўли: кузатиш саҳифасида мурожаат рақами ва махфий кодни киритинг ва “Юқори бўлинмага шикоят қилиш” тугмасини босинг. Шикоят аввалги мурожаатингизга боғланади ва жавоб берган бўлинмадан юқоридаги бўлинмага юборилади.\n\nХодимнинг хатти-ҳаракати устидан шикоят ҳеч қачон ўша ходим ёки унинг бўлинмасига берилмайди: уни ички хавфсизлик ёки юқори бўлинма кўради. Шунингдек, прокуратурага ёки судга мурожаат қилиш ҳуқуқингиз бор.',
        keywords:
          'шикоят қилиш норози жавобдан норози юқори орган устидан шикоят ходим устидан полиция ходими қўпол прокуратура суд бир йил',
      },
      ru: {
        title: 'Как обжаловать ответ, если я с ним не согласен?',
        body: 'Если вы не согласны с ответом, вы можете подать жалобу в вышестоящее подразделение в течение 1 года со дня ответа.\n\nПроще всего: на странице проверки статуса введите номер обращения и секретный код и нажмите «Пожаловаться в вышестоящее подразделение». Жалоба будет связана с прежним обращением и направлена в подразделение выше того, что ответило.\n\nЖалоба на действия сотрудника никогда не передаётся этому сотруднику или его подразделению: её рассматривает служба собственной безопасности или вышестоящее подразделение. Вы также вправе обратиться в прокуратуру или в суд.',
        keywords:
          'как пожаловаться обжаловать не согласен с ответом жалоба вышестоящий орган жалоба на сотрудника полиции грубость прокуратура суд год',
      },
      en: {
        title: 'How do I complain if I disagree with the answer?',
        body: 'If you disagree with the answer, you may complain to the higher unit within 1 year of the answer.\n\nThe easiest way: on the tracking page enter the appeal number and secret code and press “Complain to a higher unit”. The complaint is linked to your earlier appeal and sent to the unit above the one that answered.\n\nA complaint about an officer’s conduct is never given to that officer or his unit: internal security or a higher unit considers it. You also have the right to go to the prosecutor’s office or to court.',
        keywords:
          'how to complain appeal the answer disagree complaint higher body complaint about a police officer rude prosecutor court one year',
      },
    },
  },
  {
    topic: 'not-considered',
    karakalpakKeywords:
      'kórip shıǵılmadı nege kórilmedi qanaatlandırılmadı anonim juwmaq sebebi qaytadan jiberiw ańlatadı',
    texts: {
      uz: {
        title: '“Koʻrib chiqilmadi” nimani anglatadi?',
        body: '“Koʻrib chiqilmadi” degani murojaat roʻyxatga olingan, lekin qonun boʻyicha mazmunan koʻrib chiqilmaydi. Bunga sabablar:\n- murojaat anonim: ism-familiya yoki yashash joyi koʻrsatilmagan yoki soxta maʼlumot berilgan;\n- boshqa shaxs nomidan vakolatni tasdiqlovchi hujjatsiz yozilgan;\n- qonunning boshqa talablari buzilgan.\n\nBunday holda yozma xulosa tuziladi va uni rahbar tasdiqlaydi; sababini kuzatish sahifasida koʻrasiz. Kamchilikni tuzatib, murojaatni qaytadan berishingiz mumkin.\n\nAnonim xabarda jinoyat yoki hayotga xavf haqida gap boʻlsa, u baribir darhol navbatchilik qismiga yetkaziladi.',
        keywords:
          'koʻrib chiqilmadi nega koʻrilmadi rad etildi anonim xulosa sababi nima qilish kerak qaytadan yuborish',
      },
      oz: {
        title: '“Кўриб чиқилмади” нимани англатади?',
        body: '“Кўриб чиқилмади” дегани мурожаат рўйхатга олинган, лекин қонун бўйича мазмунан кўриб чиқилмайди. Бунга сабаблар:\n- мурожаат аноним: исм-фамилия ёки яшаш жойи кўрсатилмаган ёки сохта маълумот берилган;\n- бошқа шахс номидан ваколатни тасдиқловчи ҳужжатсиз ёзилган;\n- қонуннинг бошқа талаблари бузилган.\n\nБундай ҳолда ёзма хулоса тузилади ва уни раҳбар тасдиқлайди; сабабини кузатиш саҳифасида кўрасиз. Камчиликни тузатиб, мурожаатни қайтадан беришингиз мумкин.\n\nАноним хабарда жиноят ёки ҳаётга хавф ҳақида гап бўлса, у барибир дарҳол навбатчилик қисмига етказилади.',
        keywords:
          'кўриб чиқилмади нега кўрилмади рад этилди аноним хулоса сабаби нима қилиш керак қайтадан юбориш',
      },
      ru: {
        title: 'Что значит «не рассмотрено»?',
        body: '«Не рассмотрено» значит, что обращение зарегистрировано, но по закону не рассматривается по существу. Причины:\n- обращение анонимное: не указаны фамилия и имя или место жительства, либо указаны ложные данные;\n- оно подано от имени другого человека без документа о полномочиях;\n- нарушены другие требования закона.\n\nВ этом случае составляется письменное заключение, его утверждает руководитель; причину вы увидите на странице проверки статуса. Исправив недостаток, можно подать обращение заново.\n\nЕсли в анонимном сообщении говорится о преступлении или угрозе жизни, его всё равно сразу передают в дежурную часть.',
        keywords:
          'не рассмотрено почему не рассмотрели оставлено без рассмотрения анонимное заключение причина что делать подать заново',
      },
      en: {
        title: 'What does “not considered” mean?',
        body: '“Not considered” means the appeal was registered but, by law, is not examined on its merits. The reasons are:\n- the appeal is anonymous: no name, or no place of residence, or false data;\n- it was filed on someone else’s behalf without proof of authority;\n- other requirements of the law were broken.\n\nA written conclusion is then drawn up and approved by the head; you see the reason on the tracking page. Once you correct what was missing, you may file the appeal again.\n\nAn anonymous report of a crime or a threat to life is still passed at once to the duty unit.',
        keywords:
          'not considered why was it not considered left without consideration anonymous conclusion reason what to do file again',
      },
    },
  },
  {
    topic: 'tracking',
    karakalpakKeywords:
      'baqlaw jaǵdayı qayda murájatım nomer jasırın kod status tekseriw juwaptı kóriw kod joǵaldı',
    texts: {
      uz: {
        title: 'Murojaatimni qanday kuzataman?',
        body: 'Murojaat roʻyxatga olinganda sizga uning raqami (masalan, IIV-2026-0000123) va maxfiy kod beriladi. Ularni saqlab qoʻying.\n\n“Murojaatni kuzatish” sahifasida raqam va kodni kiriting: holati, tarixi, qaysi boʻlinma koʻrayotgani, muddati va javobi koʻrinadi; javob xatini PDF sifatida yuklab olishingiz mumkin. Telegram-botda /status buyrugʻi ham shu maʼlumotni beradi.\n\nMaxfiy kodni hech kimga bermang: u bilan javobni oʻqish mumkin. Xodimlar kodni hech qachon soʻramaydi.',
        keywords:
          'kuzatish holati qayerda murojaatim raqam maxfiy kod status tekshirish javobni koʻrish kod yoʻqoldi',
      },
      oz: {
        title: 'Мурожаатимни қандай кузатаман?',
        body: 'Мурожаат рўйхатга олинганда сизга унинг рақами (масалан, IIV-2026-0000123) ва махфий код берилади. Уларни сақлаб қўйинг.\n\n“Мурожаатни кузатиш” саҳифасида рақам ва кодни киритинг: ҳолати, тарихи, қайси бўлинма кўраётгани, муддати ва жавоби кўринади; жавоб хатини PDF сифатида юклаб олишингиз мумкин. Телеграм-ботда /status буйруғи ҳам шу маълумотни беради.\n\nМахфий кодни ҳеч кимга берманг: у билан жавобни ўқиш мумкин. Ходимлар кодни ҳеч қачон сўрамайди.',
        keywords:
          'кузатиш ҳолати қаерда мурожаатим рақам махфий код статус текшириш жавобни кўриш код йўқолди',
      },
      ru: {
        title: 'Как узнать, что с моим обращением?',
        body: 'При регистрации обращения вы получаете его номер (например, IIV-2026-0000123) и секретный код. Сохраните их.\n\nНа странице «Статус обращения» введите номер и код: вы увидите состояние, историю, подразделение, которое его рассматривает, срок и ответ; письмо с ответом можно скачать в PDF. В Telegram-боте то же покажет команда /status.\n\nНикому не сообщайте секретный код: по нему можно прочитать ответ. Сотрудники никогда не просят код.',
        keywords:
          'статус обращения где моё обращение проверить номер секретный код отследить узнать ответ потерял код',
      },
      en: {
        title: 'How do I track my appeal?',
        body: 'When your appeal is registered you receive its number (for example, IIV-2026-0000123) and a secret code. Keep them.\n\nOn the “Track an appeal” page enter the number and code: you see its state, history, the unit handling it, the deadline and the answer, and you can download the answer letter as a PDF. In the Telegram bot the /status command shows the same.\n\nNever give the secret code to anyone: it lets them read the answer. Staff never ask for the code.',
        keywords: 'track status where is my appeal check number secret code follow see the answer lost code',
      },
    },
  },
  {
    topic: 'emergency',
    karakalpakKeywords:
      'shuǵıl tótenshe qáwip ómirge qáwip urıp atır hújim etti járdem beriń policiyanı shaqırıw 102 112',
    texts: {
      uz: {
        title: 'Shoshilinch yordam kerak boʻlsa nima qilish kerak?',
        body: 'Hayot yoki sogʻliq xavf ostida boʻlsa, jinoyat hozir sodir boʻlayotgan boʻlsa, murojaat yozmang — darhol qoʻngʻiroq qiling:\n- 102 — politsiya;\n- 112 — yagona favqulodda xizmat.\n\nMurojaat favqulodda chaqiruv emas: u ish tartibida, kunlar ichida koʻriladi. Xavf oʻtgandan keyin sodir boʻlgan voqea haqida murojaat yozishingiz mumkin.',
        keywords:
          'shoshilinch favqulodda xavf hayotga xavf urishyapti hujum qilishdi yordam bering politsiyani chaqirish 102 112',
      },
      oz: {
        title: 'Шошилинч ёрдам керак бўлса нима қилиш керак?',
        body: 'Ҳаёт ёки соғлиқ хавф остида бўлса, жиноят ҳозир содир бўлаётган бўлса, мурожаат ёзманг — дарҳол қўнғироқ қилинг:\n- 102 — полиция;\n- 112 — ягона фавқулодда хизмат.\n\nМурожаат фавқулодда чақирув эмас: у иш тартибида, кунлар ичида кўрилади. Хавф ўтгандан кейин содир бўлган воқеа ҳақида мурожаат ёзишингиз мумкин.',
        keywords:
          'шошилинч фавқулодда хавф ҳаётга хавф уришяпти ҳужум қилишди ёрдам беринг полицияни чақириш 102 112',
      },
      ru: {
        title: 'Что делать, если нужна срочная помощь?',
        body: 'Если угрожает опасность жизни или здоровью, если преступление происходит сейчас — не пишите обращение, сразу звоните:\n- 102 — полиция;\n- 112 — единая служба экстренной помощи.\n\nОбращение — не экстренный вызов: его рассматривают в обычном порядке, в течение дней. Когда опасность минует, вы можете написать обращение о случившемся.',
        keywords: 'срочно экстренно опасность угроза жизни бьют напали помогите вызвать полицию 102 112',
      },
      en: {
        title: 'What if I need help urgently?',
        body: 'If a life or health is in danger, or a crime is happening now, do not write an appeal — call at once:\n- 102 — police;\n- 112 — the single emergency service.\n\nAn appeal is not an emergency call: it is considered in the ordinary way, over days. Once the danger is over, you may write an appeal about what happened.',
        keywords: 'urgent emergency danger threat to life being beaten attacked help call the police 102 112',
      },
    },
  },
];

/** The starter articles, one per topic and language. */
export function starterArticles(): StarterArticle[] {
  return starters.flatMap(({ texts, karakalpakKeywords }) =>
    (Object.keys(texts) as UiLanguage[]).map((language) => {
      const text = texts[language];
      // Articles are kept in the four interface languages; Karakalpak questions are answered with the Uzbek
      // Latin one (docs/karakalpak.md). Both Uzbek twins carry the words Karakalpak readers ask with, so that
      // they stay equal for retrieval and the asker's script still picks between them.
      const uzbek = language === 'uz' || language === 'oz';
      const keywords = uzbek ? `${text.keywords} ${karakalpakKeywords}` : text.keywords;
      return { language, ...text, keywords };
    }),
  );
}
