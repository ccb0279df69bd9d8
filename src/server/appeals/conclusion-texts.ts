import type { AnswerLanguage } from '../../contracts/enums.ts';

// The draft a head reviews for an anonymous appeal (ZRU-445: an appeal without the applicant's name
// or place of residence is not considered). The head edits and approves it; nothing is sent unapproved.
const anonymous: Record<AnswerLanguage, string> = {
  uz:
    'Murojaatda arizachining familiyasi, ismi va yashash joyi koʻrsatilmagan. “Jismoniy va yuridik ' +
    'shaxslarning murojaatlari toʻgʻrisida”gi Qonunga muvofiq bunday murojaat koʻrib chiqilmaydi. ' +
    'Maʼlumotlaringizni koʻrsatib qayta murojaat qilishingiz mumkin.',
  oz:
    'Мурожаатда аризачининг фамилияси, исми ва яшаш жойи кўрсатилмаган. “Жисмоний ва юридик ' +
    'шахсларнинг мурожаатлари тўғрисида”ги Қонунга мувофиқ бундай мурожаат кўриб чиқилмайди. ' +
    'Маълумотларингизни кўрсатиб қайта мурожаат қилишингиз мумкин.',
  ru:
    'В обращении не указаны фамилия, имя и место жительства заявителя. В соответствии с Законом ' +
    '«Об обращениях физических и юридических лиц» такое обращение не рассматривается. Вы можете ' +
    'обратиться повторно, указав свои данные.',
  en:
    'The appeal does not state the applicant’s surname, first name and place of residence. Under the ' +
    'Law on Appeals of Individuals and Legal Entities such an appeal is not considered. You may appeal ' +
    'again with your details.',
  // Karakalpak, Latin script of 2016: awaiting review by a native speaker (docs/karakalpak.md).
  kaa:
    'Murájatta arza beriwshiniń familiyası, atı hám jasaw ornı kórsetilmegen. «Fizikalıq hám yuridikalıq ' +
    'shaxslardıń murájatları haqqında»ǵı Nızamǵa muwapıq bunday murájat kórip shıǵılmaydı. ' +
    'Maǵlıwmatlarıńızdı kórsetip, qaytadan murájat etiwińiz múmkin.',
};

/** The draft "not considered" conclusion for an anonymous appeal, in the answer's language. */
export function anonymousConclusionText(language: AnswerLanguage): string {
  return anonymous[language];
}
