import { publicHistoryWords } from '../../contracts/public-history-words.ts';
import type { BotMessages } from './bot-messages.ts';

export const uz: BotMessages = {
  languageName: 'Oʻzbekcha',
  emergency:
    '🚨 Hayot xavf ostida boʻlsa, darhol qoʻngʻiroq qiling: 102 — politsiya, 112 — yagona favqulodda xizmat. Murojaat favqulodda chaqiruv emas.',
  menu: 'Ichki ishlar organlariga murojaatlar. Nima qilmoqchisiz?',
  buttons: {
    file: 'Murojaat yuborish',
    status: 'Murojaatni tekshirish',
    help: 'Yordam',
    skip: 'Oʻtkazib yuborish',
    done: 'Tayyor',
    agree: 'Roziman',
    cancel: 'Bekor qilish',
    sharePhone: 'Telefon raqamimni yuborish',
    complain: 'Yuqori turuvchi boʻlinmaga shikoyat qilish',
    follow: 'Xabarlarni shu yerga yuborish',
  },
  offerFollow: 'Bu murojaatning har bir bosqichi va javobi shu chatga yuborilsinmi?',
  following: (number) =>
    `Tayyor: ${number} raqamli murojaatning har bir bosqichi va javobi shu chatga keladi.`,
  followClosed: 'Bu murojaat allaqachon yopilgan: boshqa xabar yuborilmaydi.',
  offerComplaint:
    'Javobdan qoniqmadingizmi? Bir yil ichida yuqori turuvchi boʻlinmaga shikoyat qilishingiz mumkin: u murojaatni qayta koʻrib chiqadi.',
  complaintAbout: (number) =>
    `${number} raqamli murojaatga berilgan javob ustidan shikoyat. Maʼlumotlaringiz oʻsha murojaatdan olinadi: faqat nimaga rozi emasligingizni yozing.`,
  help:
    'Bu bot ichki ishlar organlariga murojaatlarni (ariza, taklif va shikoyatlarni) veb-portal bilan bir xil qoidalar asosida qabul qiladi.\n\n' +
    '/new — murojaat yuborish\n/status — murojaatni raqami va kirish kodi boʻyicha tekshirish, masalan: /status IIV-2026-0000123 ABCD1234\n/start — tilni tanlash\n/cancel — toʻldirishni toʻxtatish\n\n' +
    'Murojaatga 15 kun ichida, qoʻshimcha oʻrganish talab etilsa bir oy ichida javob beriladi. Ishonch telefoni: 1102.',
  askType: 'Murojaat turi qanday?',
  types: {
    ariza: 'Ariza: huquqni amalga oshirishni soʻrash',
    taklif: 'Taklif: ishni yaxshilash boʻyicha',
    shikoyat: 'Shikoyat: huquq buzilgan',
  },
  askKind: 'Kim murojaat qilmoqda?',
  kinds: {
    individual: 'Jismoniy shaxs',
    legal_entity: 'Yuridik shaxs',
    anonymous: 'Anonim (roʻyxatga olinadi, lekin jinoyat yoki xavf haqida boʻlmasa koʻrib chiqilmaydi)',
  },
  askLastName: 'Familiyangiz?',
  askFirstName: 'Ismingiz (xohlasangiz, otangizning ismi bilan)?',
  askOrganization: 'Tashkilot nomi?',
  askRegion: 'Viloyatni tanlang:',
  askDistrict: 'Tuman yoki shaharni tanlang:',
  askAddress: 'Manzilingiz: koʻcha, uy, xonadon, mahalla?',
  askPhone: 'Telefon raqamingizni quyidagi tugma bilan yuboring yoki oʻtkazib yuboring.',
  phoneNotOwn: 'Iltimos, quyidagi tugma bilan oʻz raqamingizni yuboring.',
  phoneInvalid:
    'Bu Oʻzbekiston telefon raqami emas, u qoʻshilmadi. Siz bilan shu Telegram orqali bogʻlanish mumkin.',
  askText: (min, max) => `Murojaatingizni bitta xabarda yozing (${min} dan ${max} belgigacha).`,
  tooShort: (min) => `Juda qisqa: kamida ${min} belgi yozing.`,
  tooLong: (max) => `Juda uzun: koʻpi bilan ${max} belgi.`,
  askFiles: (max) =>
    `${max} tagacha surat yoki hujjat (PDF, Word, Excel) yuborishingiz mumkin. Tugatgach, «Tayyor» tugmasini bosing.`,
  fileKept: (count, max) => `Fayl qabul qilindi (${count} / ${max}).`,
  fileRefused: 'Bu fayl qabul qilinmadi: faqat 10 MB gacha boʻlgan suratlar, PDF va ofis hujjatlari.',
  fileStorageDown:
    'Faylni hozir saqlab boʻlmadi (fayllar ombori ishlamayapti). Bir necha daqiqadan soʻng qayta yuboring.',
  tooManyFiles: (max) => `${max} tadan ortiq fayl yuborib boʻlmaydi.`,
  askConsent:
    'Shaxsiy maʼlumotlaringiz shaxsga doir maʼlumotlar toʻgʻrisidagi qonunga muvofiq faqat shu murojaatni koʻrib chiqish uchun ishlatiladi. Rozimisiz?',
  registered: (number, code, due) =>
    `Murojaatingiz roʻyxatga olindi.\nRaqami: ${number}\nKirish kodi: ${code}\nJavob muddati: ${due}.\n\nKodni saqlab qoʻying: raqam bilan birga u murojaatingizni koʻrsatadi (/status). Oʻzgarishlar shu chatga yuboriladi.`,
  cancelled: 'Toʻxtatildi. Hech narsa yuborilmadi.',
  askNumber: 'Murojaat raqami (masalan, IIV-2026-0000123)?',
  askCode: 'Kirish kodi (8 ta harf va raqam)?',
  badNumber: 'Bu murojaat raqami emas. Raqam IIV-2026-0000123 koʻrinishida boʻladi.',
  notFound: 'Bunday raqam va kirish kodli murojaat topilmadi.',
  rateLimited: 'Notoʻgʻri kodlar juda koʻp. Keyinroq urinib koʻring.',
  statusTitle: (number) => `Murojaat ${number}`,
  dueLabel: 'Javob muddati',
  historyTitle: 'Tarix:',
  answerTitle: 'Javob:',
  statuses: publicHistoryWords.uz.statuses,
  events: publicHistoryWords.uz.events,
  askRating: 'Javobni qanday baholaysiz? (1 — juda yomon, 5 — aʼlo)',
  rated: 'Rahmat: bahoyingiz qayd etildi.',
  ratingNotAllowed: 'Bu javobni baholab boʻlmaydi (allaqachon baholangan yoki hali javob berilmagan).',
  useButtons: 'Iltimos, tugmalardan birini tanlang yoki /help yuboring.',
  failed: 'Xatolik yuz berdi. Birozdan keyin qayta urinib koʻring.',
  chatSource: (title) => `Manba: “${title}” maqolasi. Bu javob foydali boʻldimi?`,
  chatHelpful: 'Ha, foydali',
  chatNotHelpful: 'Yoʻq',
  chatThanks: 'Rahmat! Fikringiz javoblarni yaxshilashga yordam beradi.',
  staffLinked:
    'Endi bu chatga Murojaat tizimi xodimi sifatidagi bildirishnomalaringiz keladi. Ularni oʻchirish yoki chatni uzish uchun konsoldagi “Mening bildirishnomalarim” boʻlimiga kiring.',
  staffLinkRefused:
    'Kod notoʻgʻri, muddati oʻtgan yoki allaqachon ishlatilgan. Konsoldagi “Mening bildirishnomalarim” boʻlimida yangi kod oling.',
};
