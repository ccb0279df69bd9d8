/**
 * Core sentences of everyday appeals in Karakalpak (Latin alphabet of 2016), written for this project on
 * 6 Dec 2026, for training only: three per starter category. Karakalpak shares few words with Uzbek in the
 * canonical form (urlap / oʻgʻirlab, járdem / yordam, qońsı / qoʻshni), so without them a Karakalpak theft
 * was read as cybercrime at 0.27. bench/nlp-starter-data.ts writes each in four forms: as here, in
 * Cyrillic, and both without the Karakalpak letters, as a plain keyboard types them. None of them is in
 * any test set.
 */
export const STARTER_KAA: Record<string, string[]> = {
  officer_conduct: [
    'Policiya xızmetkeri maǵan qopal sóylep, adamlardıń aldında ǵarǵıs aytıp urıstı',
    'Jol policiyası inspektorı meni sebepsiz toqtatıp, baqırıp, hújjetlerimdi taslap jiberdi',
    'Navbetshi xızmetker arzamdı qabıl etpey, meni esikten quwıp shıǵardı',
  ],
  officer_corruption: [
    'Inspektor jarıma jazıw ornına mennen pára soradı',
    'Uchastkovıy isti jabıw ushın mennen aqsha talap etip atır',
    'Xızmetker pasportımdı tez beriw ushın qosımsha aqsha soradı',
  ],
  unlawful_detention: [
    'Ulımdı hesh qanday sebepsiz uslap, úsh kúnnen beri bólimde saqlap atır',
    'Meni nızamsız uslap, advokat penen sóylesiwge ruxsat bermedi',
    'Inimdi túnde úyden alıp ketti, qay jerde ekenin aytpay atır',
  ],
  investigation_complaint: [
    'Tergewshi jınayat isin bir jıldan beri sozıp, hesh nárse islemey atır',
    'Arzam boyınsha tekseriw júrgizilmedi, juwap ta bermedi',
    'Tergew waqtında meniń kórsetpelerimdi jazbadı, isti jawıp qoydı',
  ],
  crime_report: [
    'Kóshede bir adamdı urıp, jaralap ketti, kórgenlerim bar',
    'Dúkanımızǵa túnde kirip, kassanı buzıp ketipti',
    'Awılımızda birew mal urlap, satıp júr, xabar beremen',
  ],
  threat_to_life: [
    'Qońsım pıshaq kóterip, meni óltiremen dep qorqıtıp atır',
    'Burınǵı kúyewim telefon arqalı meni óltiriwge qorqıtıp atır',
    'Bir top adamlar úyimdi órtep jiberemiz dep qáwip salıp atır',
  ],
  domestic_violence: [
    'Kúyewim ishkilik iship, meni hám balalarımdı urıp atır',
    'Qáyin enem meni kúnde qorlap, úyden quwıp shıǵarıwǵa urınadı',
    'Ákem anamdı urıp, úydegi buyımlardı sındırıp atır',
  ],
  missing_person: [
    'On tórt jasar ulım keshe mektepten keyin úyge kelmedi, telefonı óshik',
    'Ákem azanda úyden shıǵıp ketip, ele qaytpadı, ol awırıw adam',
    'Qızım jumısqa ketip, eki kúnnen beri xabarı joq, izlewge járdem beriń',
  ],
  theft: [
    'Avtobusta meniń telefonımdı urlap ketti',
    'Úyimizge urı túsip, altın buyımlar menen aqshanı alıp ketti',
    'Dúkannıń aldında qaldırǵan velosipedimdi urlap ketipti',
  ],
  fraud: [
    'Bir adam jumısqa ornalastıraman dep aqshamdı alıp, ǵayıp boldı',
    'Kvartira satıp alaman dep avans berdim, satıwshı aldap ketti',
    'Tanısım qarızǵa aqsha alıp, endi telefonın almay júr, aldadı',
  ],
  cybercrime: [
    'Telegramda bank xızmetkeri dep jazıp, kartamnıń kodın alıp, aqshamdı sheship aldı',
    'Instagram betimdi buzıp, tanıslarımnan meniń atımnan aqsha sorap atır',
    'Internette satıwshı aqshanı alıp, tovardı jibermedi, saytı jabılıp qaldı',
  ],
  drugs: [
    'Kóshemizdegi bir úyde narkotik satıp atır, jaslar kelip-ketip júr',
    'Balamdı narkotikke úyretip atırǵan adamlar bar, járdem beriń',
    'Mektep janında jaslar narkotik shegip otıradı',
  ],
  road_traffic: [
    'Kóshemizde mashinalar júdá tez júredi, balalar ushın qáwipli, belgi qoyıń',
    'Jol apatında meniń mashinam sındı, aydawshı qashıp ketti',
    'Svetofor bir hápteden beri islemeydi, jol boyında apat bolıwı múmkin',
  ],
  traffic_fines: [
    'Maǵan nahaq jarıma jazıldı, men ol waqıtta basqa qalada edim',
    'Kamera jarımasın tólegen edim, ele de qarız dep kórsetip atır',
    'Jarımanıń muǵdarı nadurıs esaplanǵan, qayta kórip shıǵıwıńızdı sorayman',
  ],
  driving_licence: [
    'Aydawshılıq gúwalıǵımdı joǵaltıp aldım, jańasın qalay alaman',
    'Ekzamennen óttim, biraq gúwalıq bir aydan beri berilmey atır',
    'Gúwalıǵımnıń múddeti pitti, almastırıw ushın qanday hújjet kerek',
  ],
  passport_id: [
    'ID kartamdı joǵaltıp aldım, jańasın alıw ushın ne isleymen',
    'Balama birinshi ret pasport alıw ushın qayerge barıwım kerek',
    'Pasportımdaǵı familiyam qáte jazılǵan, dúzetip beriń',
  ],
  residence_registration: [
    'Jańa úyge kóship keldim, dizimge turıw ushın qanday hújjet kerek',
    'Turaqlı propiskadan shıǵıw ushın arza berdim, juwap joq',
    'Ijarada turǵan úyimde waqıtsha dizimge turıwım kerek',
  ],
  citizenship: [
    'Ózbekstan puqaralıǵın alıw ushın arza berdim, bir jıldan beri juwap joq',
    'Balamnıń puqaralıǵın rásmiylestiriw ushın qanday hújjetler kerek',
    'Puqaralıqtan shıǵıw tártibin túsindirip beriń',
  ],
  foreigners: [
    'Qazaqstanlı qudamız qonaqqa keldi, onı qayerde dizimge qoyıw kerek',
    'Shet el puqarası bolǵan jumısshımızdıń vizası pitip atır',
    'Rossiyadan kelgen tuwısqanımnıń waqıtsha turıw ruxsatnaması kerek',
  ],
  exit_abroad: [
    'Shet elge shıǵıw ushın pasport alaman, qansha waqıt ketedi',
    'Shegaradan ótiwde meni toqtatıp, shıǵıwǵa ruxsat bermedi',
    'Balamdı shet elge alıp barıw ushın ákesiniń ruxsatı kerek pe',
  ],
  weapons_licence: [
    'Ańshılıq mıltıǵına ruxsatnama alıw ushın qanday hújjet kerek',
    'Mıltıq saqlaw ruxsatnamasınıń múddeti pitti, uzaytıw kerek',
    'Ákemnen qalǵan mıltıqtı tapsırıw tártibin aytıp beriń',
  ],
  security_licence: [
    'Kúzet firmasın ashıw ushın licenziya alıw tártibi qanday',
    'Kúzet xızmetine licenziya ushın arza berdim, juwap kelmedi',
    'Dúkanımızǵa kúzet signalizaciyasın ornatıw ushın shártnama dúzgim keledi',
  ],
  neighbour_dispute: [
    'Qońsım menen jer shegarası ushın talas bar, ol dıwal salıp atır',
    'Qońsımız hár túni qattı muzıka qoyıp, uyıqlawǵa bermeydi',
    'Qońsınıń iyti hár kúni balalarǵa tap beredi, aytsaq tıńlamaydı',
  ],
  property_money_dispute: [
    'Tuwısqanım mennen qarız alǵan aqshanı eki jıldan beri qaytarmay atır',
    'Miyras úyi ushın aǵam menen talas bar, ol meni úyge kirgizbey atır',
    'Ijarashı úyimnen kóship ketti, tólemegen aqshasın bermey júr',
  ],
  public_order: [
    'Kóshede jaslar túnde baqırıp, ishkilik iship, tınıshlıqtı buzadı',
    'Bazar janında hár kúni tóbeles bolıp atır, tártip joq',
    'Kafeden túngi saat ekige shekem qattı muzıka shıǵadı',
  ],
  juvenile: [
    'Balam mektepte basqa balalar tárepinen urılıp, qorqıtılıp atır',
    'On bes jasar jaslar kóshede temeki shegip, ótkenlerge tiyisedi',
    'Ulım jaman dostlarǵa qosılıp, sabaqqa barmay júr, járdem beriń',
  ],
  mahalla_inspector: [
    'Mahallamızǵa profilaktika inspektorı hesh kelmeydi',
    'Uchastkovıy inspektordıń telefon nomerin bilmeymen, onı qalay tabaman',
    'Mahalla inspektorı qońsı máselesin sheshiwge járdem bermedi',
  ],
  certificates: [
    'Sudlanbaǵanlıǵım haqqında maǵlıwmatnama kerek, onı qalay alaman',
    'Jumısqa kiriw ushın policiyadan anıqlama alıwım kerek',
    'Shet elge ketiw ushın sudlanbaǵanlıq haqqında maǵlıwmatnama sorayman',
  ],
  police_employment: [
    'Ishki isler organlarına jumısqa kiriwdi qáleymen, qanday shártler bar',
    'Akademiyaǵa oqıwǵa túsiw ushın qanday hújjetler tapsırıladı',
    'Patrul xızmetine jumısqa alıw haqqında bos orınlar bar ma',
  ],
  police_work_proposal: [
    'Kóshemizge videokamera ornatıw usınısı bar',
    'Mektep janında túnde patrul bolsa jaqsı bolar edi dep usınaman',
    'Policiya bólimine onlayn nawbet sisteması kerek dep oylayman',
  ],
  gratitude: [
    'Uchastkovıy inspektorǵa úlken raxmet, máselemizdi tez sheshti',
    'Joǵalǵan balamızdı tapqan xızmetkerlerge raxmet aytamız',
    'Jol policiyası xızmetkeri maǵan jolda járdem berdi, oǵan raxmet',
  ],
  other: [
    'Sizlerdiń bóliminiń jumıs waqtı qanday',
    'Arzamnıń qay jaǵdayda ekenin bilmekshimen',
    'Telefon nomerimdi ózgerttim, jańa nomerdi jazıp alıń',
  ],
};
