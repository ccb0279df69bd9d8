import type { CitizenLanguage } from '../../contracts/enums.ts';

/** What the chatbot says besides its articles, in each citizen language. */
export interface ChatbotTexts {
  /** Said first, before anything else, when a question reads as a threat to life. */
  emergency: string;
  /** Said when no article answers the question. */
  noAnswer: string;
}

const texts: Record<CitizenLanguage, ChatbotTexts> = {
  uz: {
    emergency:
      'Hayot xavf ostida boʻlsa, darhol qoʻngʻiroq qiling: 102 — politsiya, 112 — yagona favqulodda xizmat. Murojaat va bu suhbat favqulodda chaqiruv emas.',
    noAnswer:
      'Bu savolga hozircha javobim yoʻq. Uni murojaat sifatida yuborishingiz yoki xodim bilan bogʻlanishni soʻrashingiz mumkin.',
  },
  oz: {
    emergency:
      'Ҳаёт хавф остида бўлса, дарҳол қўнғироқ қилинг: 102 — полиция, 112 — ягона фавқулодда хизмат. Мурожаат ва бу суҳбат фавқулодда чақирув эмас.',
    noAnswer:
      'Бу саволга ҳозирча жавобим йўқ. Уни мурожаат сифатида юборишингиз ёки ходим билан боғланишни сўрашингиз мумкин.',
  },
  ru: {
    emergency:
      'Если жизни угрожает опасность, сразу звоните: 102 — полиция, 112 — единая служба экстренной помощи. Обращение и этот чат — не экстренный вызов.',
    noAnswer:
      'На этот вопрос у меня пока нет ответа. Вы можете подать его как обращение или попросить, чтобы с вами связался сотрудник.',
  },
  en: {
    emergency:
      'If a life is in danger, call at once: 102 for the police, 112 for the single emergency service. An appeal or this chat is not an emergency call.',
    noAnswer:
      'I do not have an answer to this question yet. You can file it as an appeal, or ask for a person to contact you.',
  },
  // Karakalpak (Latin): awaiting review by a native speaker (docs/karakalpak.md).
  kaa: {
    emergency:
      'Ómirge qáwip tónip tursa, dárhal qońıraw etiń: 102 — policiya, 112 — birden-bir tótenshe járdem xızmeti. Murájat hám bul sáwbet tótenshe shaqırıw emes.',
    noAnswer:
      'Bul sorawǵa házirshe juwabım joq. Onı murájat retinde jiberiwińiz yamasa xızmetker menen baylanısıwdı sorawıńız múmkin.',
  },
};

/** The chatbot's own words in one language. */
export function chatbotTexts(language: CitizenLanguage): ChatbotTexts {
  return texts[language];
}
