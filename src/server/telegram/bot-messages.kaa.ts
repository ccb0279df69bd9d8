import { publicHistoryWords } from '../../contracts/public-history-words.ts';
import type { BotMessages } from './bot-messages.ts';

// Karakalpak, Latin script of 2016. Written for this project and awaiting review by a native speaker; the words and
// their sources are listed in docs/karakalpak.md.
export const kaa: BotMessages = {
  languageName: 'Qaraqalpaqsha',
  emergency:
    '🚨 Ómirge qáwip tónip tursa, dárhal qońıraw etiń: 102 — policiya, 112 — birden-bir tótenshe járdem xızmeti. Murájat tótenshe shaqırıw emes.',
  menu: 'Ishki isler organlarına murájatlar. Ne islewdi qáleysiz?',
  buttons: {
    file: 'Murájat jiberiw',
    status: 'Murájattı tekseriw',
    help: 'Járdem',
    skip: 'Ótkerip jiberiw',
    done: 'Tayar',
    agree: 'Razıman',
    cancel: 'Biykarlaw',
    sharePhone: 'Telefon nomerimdi jiberiw',
    complain: 'Joqarı turatuǵın bólimge shaǵım etiw',
    follow: 'Xabarlardı usı jerge jiberiw',
  },
  offerFollow: 'Bul murájattıń hár bir basqıshı hám juwabı usı chatqa jiberilsin be?',
  following: (number) => `Tayar: ${number} nomerli murájattıń hár bir basqıshı hám juwabı usı chatqa keledi.`,
  followClosed: 'Bul murájat jabılıp qoyılǵan: basqa xabar jiberilmeydi.',
  offerComplaint:
    'Juwaptan qanaatlanbadıńız ba? Bir jıl ishinde joqarı turatuǵın bólimge shaǵım etiwińiz múmkin: ol murájattı qaytadan kórip shıǵadı.',
  complaintAbout: (number) =>
    `${number} nomerli murájatqa berilgen juwap ústinen shaǵım. Maǵlıwmatlarıńız sol murájattan alınadı: tek nege razı emesligińizdi jazıń.`,
  help:
    'Bul bot ishki isler organlarına murájatlardı (arza, usınıs hám shaǵımlardı) veb-portal menen birdey qaǵıydalar tiykarında qabıl etedi.\n\n' +
    '/new — murájat jiberiw\n/status — murájattı nomeri hám kiriw kodı boyınsha tekseriw, mısalı: /status IIV-2026-0000123 ABCD1234\n/start — tildi tańlaw\n/cancel — toltırıwdı toqtatıw\n\n' +
    'Murájatqa 15 kún ishinde, qosımsha úyreniw talap etilse bir ay ishinde juwap beriledi. Isenim telefonı: 1102.',
  askType: 'Murájattıń túri qanday?',
  types: {
    ariza: 'Arza: huqıqtı ámelge asırıwdı soraw',
    taklif: 'Usınıs: jumıstı jaqsılaw boyınsha',
    shikoyat: 'Shaǵım: huqıq buzılǵan',
  },
  askKind: 'Kim murájat etip atır?',
  kinds: {
    individual: 'Fizikalıq shaxs',
    legal_entity: 'Yuridikalıq shaxs',
    anonymous: 'Anonim (dizimge alınadı, biraq jınayat yamasa qáwip haqqında bolmasa kórip shıǵılmaydı)',
  },
  askLastName: 'Familiyańız?',
  askFirstName: 'Atıńız (qáleseńiz, ákeńizdiń atı menen)?',
  askOrganization: 'Shólkemniń atı?',
  askRegion: 'Wálayattı tańlań:',
  askDistrict: 'Rayon yamasa qalanı tańlań:',
  askAddress: 'Mánzilińiz: kóshe, úy, kvartira, máhálle?',
  askPhone: 'Telefon nomerińizdi tómendegi túyme menen jiberiń yamasa ótkerip jiberiń.',
  phoneNotOwn: 'Ótinish, tómendegi túyme menen óz nomerińizdi jiberiń.',
  phoneInvalid:
    'Bul Ózbekstan telefon nomeri emes, ol qosılmadı. Siz benen usı Telegram arqalı baylanısıw múmkin.',
  askText: (min, max) => `Murájatıńızdı bir xabarda jazıń (${min} belgiden ${max} belgige shekem).`,
  tooShort: (min) => `Júdá qısqa: keminde ${min} belgi jazıń.`,
  tooLong: (max) => `Júdá uzın: kóbi menen ${max} belgi.`,
  askFiles: (max) =>
    `Kóbi menen ${max} súwret yamasa hújjet (PDF, Word, Excel) jiberiwińiz múmkin. Tamamlaǵannan keyin «Tayar» túymesin basıń.`,
  fileKept: (count, max) => `Fayl qabıl etildi (${count} / ${max}).`,
  fileRefused: 'Bul fayl qabıl etilmedi: tek súwretler, PDF hám ofis hújjetleri, hár biri kóbi menen 10 MB.',
  fileStorageDown:
    'Fayldı házir saqlaw múmkin bolmadı (fayllar saqlawxanası islemey tur). Bir neshe minuttan soń qaytadan jiberiń.',
  tooManyFiles: (max) => `Kóbi menen ${max} fayl jiberiwge boladı.`,
  askConsent:
    'Jeke maǵlıwmatlarıńız jeke maǵlıwmatlar haqqındaǵı nızamǵa muwapıq tek usı murájattı kórip shıǵıw ushın paydalanıladı. Razısız ba?',
  registered: (number, code, due) =>
    `Murájatıńız dizimge alındı.\nNomeri: ${number}\nKiriw kodı: ${code}\nJuwap múddeti: ${due}.\n\nKodtı saqlap qoyıń: nomer menen birge ol murájatıńızdı kórsetedi (/status). Ózgerisler usı chatqa jiberiledi.`,
  cancelled: 'Toqtatıldı. Hesh nárse jiberilmedi.',
  askNumber: 'Murájat nomeri (mısalı, IIV-2026-0000123)?',
  askCode: 'Kiriw kodı (8 hárip hám san)?',
  badNumber: 'Bul murájat nomeri emes. Nomer IIV-2026-0000123 túrinde boladı.',
  notFound: 'Bunday nomer hám kiriw kodlı murájat tabılmadı.',
  rateLimited: 'Qáte kodlar júdá kóp. Keyinirek urınıp kóriń.',
  statusTitle: (number) => `Murájat ${number}`,
  dueLabel: 'Juwap múddeti',
  historyTitle: 'Tariyxı:',
  answerTitle: 'Juwap:',
  statuses: publicHistoryWords.kaa.statuses,
  events: publicHistoryWords.kaa.events,
  askRating: 'Juwaptı qalay bahalaysız? (1 — júdá jaman, 5 — ájayıp)',
  rated: 'Raxmet: bahańız dizimge alındı.',
  ratingNotAllowed: 'Bul juwaptı bahalaw múmkin emes (áldeqashan bahalanǵan yamasa ele juwap berilmegen).',
  useButtons: 'Ótinish, túymelerdiń birin tańlań yamasa /help jiberiń.',
  failed: 'Qáte júz berdi. Azdan soń qaytadan urınıp kóriń.',
  chatSource: (title) => `Derek: “${title}” maqalası. Bul juwap paydalı boldı ma?`,
  chatHelpful: 'Awa, paydalı',
  chatNotHelpful: 'Yaq',
  chatThanks: 'Raxmet! Pikirińiz juwaplardı jaqsılawǵa járdem beredi.',
  staffLinked:
    'Endi bul chatqa Murojaat sisteması xızmetkeri retindegi xabarlamalarıńız keledi. Olardı óshiriw yamasa chattı úziw ushın konsoldaǵı “Mening bildirishnomalarim” bólimine kiriń.',
  staffLinkRefused:
    'Kod qáte, múddeti ótken yamasa áldeqashan paydalanılǵan. Konsoldaǵı “Mening bildirishnomalarim” bóliminde jańa kod alıń.',
};
