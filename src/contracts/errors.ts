import type { CitizenLanguage, UiLanguage } from './enums.ts';

type Localized = Record<UiLanguage, string>;

interface ErrorSpec {
  status: number;
  message: Localized;
}

// The catalogue of errors every client can branch on. The code is the contract; the text is for people.
const catalogue = {
  VALIDATION_FAILED: {
    status: 400,
    message: {
      uz: 'Maʼlumotlarda xato bor. Belgilangan maydonlarni tekshiring.',
      oz: 'Маълумотларда хато бор. Белгиланган майдонларни текширинг.',
      ru: 'В данных есть ошибки. Проверьте отмеченные поля.',
      en: 'Some fields are not valid. Check the fields listed.',
    },
  },
  MALFORMED_REQUEST: {
    status: 400,
    message: {
      uz: 'Soʻrovni oʻqib boʻlmadi.',
      oz: 'Сўровни ўқиб бўлмади.',
      ru: 'Не удалось прочитать запрос.',
      en: 'The request could not be read.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: {
      uz: 'Bu turdagi maʼlumot qabul qilinmaydi.',
      oz: 'Бу турдаги маълумот қабул қилинмайди.',
      ru: 'Такой тип данных не принимается.',
      en: 'This content type is not accepted.',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: {
      uz: 'Soʻrov yoki fayl hajmi juda katta.',
      oz: 'Сўров ёки файл ҳажми жуда катта.',
      ru: 'Запрос или файл слишком большой.',
      en: 'The request or file is too large.',
    },
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    message: {
      uz: 'Faqat rasm, PDF va ofis hujjatlarini biriktirish mumkin.',
      oz: 'Фақат расм, PDF ва офис ҳужжатларини бириктириш мумкин.',
      ru: 'Можно прикреплять только изображения, PDF и офисные документы.',
      en: 'Only images, PDF and office documents can be attached.',
    },
  },
  ATTACHMENT_IMAGE_TOO_LARGE: {
    status: 413,
    message: {
      uz: 'Rasm oʻlchami juda katta (60 megapikseldan oshmasin). Kichikroq rasm yuboring.',
      oz: 'Расм ўлчами жуда катта (60 мегапикселдан ошмасин). Кичикроқ расм юборинг.',
      ru: 'Изображение слишком большое (не более 60 мегапикселей). Отправьте изображение меньшего размера.',
      en: 'The image is too large (at most 60 megapixels). Send a smaller image.',
    },
  },
  TOO_MANY_ATTACHMENTS: {
    status: 400,
    message: {
      uz: 'Biriktirilgan fayllar soni juda koʻp.',
      oz: 'Бириктирилган файллар сони жуда кўп.',
      ru: 'Слишком много вложений.',
      en: 'Too many attachments.',
    },
  },
  RATE_LIMITED: {
    status: 429,
    message: {
      uz: 'Soʻrovlar juda koʻp. Birozdan soʻng qayta urinib koʻring.',
      oz: 'Сўровлар жуда кўп. Бироздан сўнг қайта уриниб кўринг.',
      ru: 'Слишком много запросов. Повторите попытку позже.',
      en: 'Too many requests. Try again later.',
    },
  },
  NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Sahifa topilmadi.',
      oz: 'Саҳифа топилмади.',
      ru: 'Страница не найдена.',
      en: 'Not found.',
    },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: {
      uz: 'Bu usul qoʻllab-quvvatlanmaydi.',
      oz: 'Бу усул қўллаб-қувватланмайди.',
      ru: 'Метод не поддерживается.',
      en: 'Method not allowed.',
    },
  },
  APPEAL_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday raqam va kodli murojaat topilmadi.',
      oz: 'Бундай рақам ва кодли мурожаат топилмади.',
      ru: 'Обращение с таким номером и кодом не найдено.',
      en: 'No appeal with this number and code was found.',
    },
  },
  LESSON_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday oʻquv darsi yoʻq.',
      oz: 'Бундай ўқув дарси йўқ.',
      ru: 'Такого учебного урока нет.',
      en: 'There is no such training lesson.',
    },
  },
  INVALID_TRANSITION: {
    status: 409,
    message: {
      uz: 'Murojaatning hozirgi holatida bu amalni bajarib boʻlmaydi.',
      oz: 'Мурожаатнинг ҳозирги ҳолатида бу амални бажариб бўлмайди.',
      ru: 'Это действие невозможно в текущем состоянии обращения.',
      en: 'This action is not possible in the appeal’s current state.',
    },
  },
  ANSWER_HAS_PLACEHOLDERS: {
    status: 422,
    message: {
      uz: 'Javob matnida toʻldirilmagan joylar qolgan ({{…}}). Ularni haqiqiy maʼlumot bilan almashtiring.',
      oz: 'Жавоб матнида тўлдирилмаган жойлар қолган ({{…}}). Уларни ҳақиқий маълумот билан алмаштиринг.',
      ru: 'В тексте ответа остались незаполненные поля ({{…}}). Замените их настоящими данными.',
      en: 'The answer still holds unfilled placeholders ({{…}}). Replace them with the real text.',
    },
  },
  CONFLICT: {
    status: 409,
    message: {
      uz: 'Murojaat boshqa foydalanuvchi tomonidan oʻzgartirildi. Sahifani yangilang.',
      oz: 'Мурожаат бошқа фойдаланувчи томонидан ўзгартирилди. Саҳифани янгиланг.',
      ru: 'Обращение изменено другим пользователем. Обновите страницу.',
      en: 'The appeal was changed by someone else. Reload and try again.',
    },
  },
  DEADLINE_EXTENSION_USED: {
    status: 409,
    message: {
      uz: 'Muddat rahbar qarori bilan allaqachon bir marta uzaytirilgan.',
      oz: 'Муддат раҳбар қарори билан аллақачон бир марта узайтирилган.',
      ru: 'Срок уже продлевался решением руководителя.',
      en: 'The deadline has already been extended once by a head.',
    },
  },
  DEADLINE_EXTENSION_TOO_LONG: {
    status: 409,
    message: {
      uz: 'Muddatni bir oydan ortiq uzaytirib boʻlmaydi.',
      oz: 'Муддатни бир ойдан ортиқ узайтириб бўлмайди.',
      ru: 'Срок нельзя продлить более чем на один месяц.',
      en: 'The deadline cannot be extended by more than one month.',
    },
  },
  DEADLINE_EXTENSION_INVALID: {
    status: 409,
    message: {
      uz: 'Yangi muddat joriy muddatdan keyin boʻlishi kerak.',
      oz: 'Янги муддат жорий муддатдан кейин бўлиши керак.',
      ru: 'Новый срок должен быть позже текущего.',
      en: 'The new deadline must be later than the current one.',
    },
  },
  EXTRA_STUDY_ALREADY_RECORDED: {
    status: 409,
    message: {
      uz: 'Qoʻshimcha oʻrganish allaqachon qayd etilgan.',
      oz: 'Қўшимча ўрганиш аллақачон қайд этилган.',
      ru: 'Дополнительное изучение уже отмечено.',
      en: 'Extra study has already been recorded.',
    },
  },
  PROPOSAL_NOTICE_OVERDUE: {
    status: 409,
    message: {
      uz: 'Taklif muallifini xabardor qilishning 10 kunlik muddati oʻtgan.',
      oz: 'Таклиф муаллифини хабардор қилишнинг 10 кунлик муддати ўтган.',
      ru: 'Истёк 10-дневный срок уведомления автора предложения.',
      en: 'The 10-day term to notify the proposal’s author has passed.',
    },
  },
  DEADLINE_PASSED: {
    status: 409,
    message: {
      uz: 'Muddat allaqachon oʻtgan.',
      oz: 'Муддат аллақачон ўтган.',
      ru: 'Срок уже истёк.',
      en: 'The deadline has already passed.',
    },
  },
  IN_GROUP: {
    status: 409,
    message: {
      uz: 'Bu murojaat guruh bilan birga javob oladi: javobni guruhning asosiy murojaatida tayyorlang yoki uni guruhdan chiqaring.',
      oz: 'Бу мурожаат гуруҳ билан бирга жавоб олади: жавобни гуруҳнинг асосий мурожаатида тайёрланг ёки уни гуруҳдан чиқаринг.',
      ru: 'Это обращение получает ответ вместе с группой: готовьте ответ в основном обращении группы или выведите его из группы.',
      en: 'This appeal is answered with its group: draft the answer on the group’s lead appeal, or take this one out of the group.',
    },
  },
  GROUP_NOT_ALLOWED: {
    status: 409,
    message: {
      uz: 'Bu murojaatlarni bitta guruhga qoʻshib boʻlmaydi.',
      oz: 'Бу мурожаатларни битта гуруҳга қўшиб бўлмайди.',
      ru: 'Эти обращения нельзя объединить в одну группу.',
      en: 'These appeals cannot be worked as one group.',
    },
  },
  GROUP_ANSWER_NAMES_APPLICANT: {
    status: 409,
    message: {
      uz: 'Javob guruhdagi har bir arizachiga yuboriladi, lekin unda bitta arizachining familiyasi bor. Ismlarni olib tashlang: har bir xat oʻz arizachisiga murojaat qiladi.',
      oz: 'Жавоб гуруҳдаги ҳар бир аризачига юборилади, лекин унда битта аризачининг фамилияси бор. Исмларни олиб ташланг: ҳар бир хат ўз аризачисига мурожаат қилади.',
      ru: 'Ответ уйдёт каждому заявителю группы, но в нём названа фамилия одного из них. Уберите имена: каждое письмо само обращается к своему заявителю.',
      en: 'The answer goes to every applicant in the group, but it names one of them. Take the names out: each letter greets its own applicant.',
    },
  },
  MERGE_DIFFERENT_APPLICANT: {
    status: 409,
    message: {
      uz: 'Faqat bitta arizachining murojaatlarini birlashtirish mumkin.',
      oz: 'Фақат битта аризачининг мурожаатларини бирлаштириш мумкин.',
      ru: 'Объединять можно только обращения одного заявителя.',
      en: 'Only appeals of the same applicant can be merged.',
    },
  },
  RATING_NOT_ALLOWED: {
    status: 409,
    message: {
      uz: 'Javobni faqat u berilgandan keyin baholash mumkin.',
      oz: 'Жавобни фақат у берилгандан кейин баҳолаш мумкин.',
      ru: 'Оценить ответ можно только после его получения.',
      en: 'An answer can be rated only after it has been given.',
    },
  },
  UNAUTHENTICATED: {
    status: 401,
    message: {
      uz: 'Tizimga kiring.',
      oz: 'Тизимга киринг.',
      ru: 'Войдите в систему.',
      en: 'Sign in first.',
    },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    message: {
      uz: 'Login yoki parol notoʻgʻri. Bir necha marta xato kiritilgan boʻlsa, bir necha daqiqadan soʻng qayta urinib koʻring.',
      oz: 'Логин ёки парол нотўғри. Бир неча марта хато киритилган бўлса, бир неча дақиқадан сўнг қайта уриниб кўринг.',
      ru: 'Неверный логин или пароль. После нескольких неудачных попыток повторите вход через несколько минут.',
      en: 'Wrong login or password. After several failed attempts, try again in a few minutes.',
    },
  },
  SECOND_FACTOR_REQUIRED: {
    status: 401,
    message: {
      uz: 'Ikki bosqichli tasdiqlash kodini kiriting.',
      oz: 'Икки босқичли тасдиқлаш кодини киритинг.',
      ru: 'Введите код двухфакторной аутентификации.',
      en: 'Enter your two-factor authentication code.',
    },
  },
  INVALID_SECOND_FACTOR: {
    status: 401,
    message: {
      uz: 'Tasdiqlash kodi notoʻgʻri.',
      oz: 'Тасдиқлаш коди нотўғри.',
      ru: 'Неверный код подтверждения.',
      en: 'Wrong verification code.',
    },
  },
  PASSKEYS_NOT_CONFIGURED: {
    status: 409,
    message: {
      uz: 'Kirish kalitlari (passkey) uchun server manzili (PUBLIC_URL) sozlanmagan.',
      oz: 'Кириш калитлари (passkey) учун сервер манзили (PUBLIC_URL) созланмаган.',
      ru: 'Для ключей входа (passkey) не настроен адрес сервера (PUBLIC_URL).',
      en: 'Passkeys need the server address (PUBLIC_URL) to be configured.',
    },
  },
  PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    message: {
      uz: 'Kirish kaliti soʻrovi eskirgan yoki allaqachon ishlatilgan. Qaytadan urinib koʻring.',
      oz: 'Кириш калити сўрови эскирган ёки аллақачон ишлатилган. Қайтадан уриниб кўринг.',
      ru: 'Запрос ключа входа устарел или уже использован. Попробуйте ещё раз.',
      en: 'The passkey request has expired or was already used. Try again.',
    },
  },
  PASSKEY_REJECTED: {
    status: 401,
    message: {
      uz: 'Kirish kaliti tasdiqlanmadi.',
      oz: 'Кириш калити тасдиқланмади.',
      ru: 'Ключ входа не подтверждён.',
      en: 'The passkey was not accepted.',
    },
  },
  PASSKEY_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday kirish kaliti yoʻq.',
      oz: 'Бундай кириш калити йўқ.',
      ru: 'Такого ключа входа нет.',
      en: 'There is no such passkey.',
    },
  },
  SESSION_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday seans yoʻq yoki u allaqachon tugagan.',
      oz: 'Бундай сеанс йўқ ёки у аллақачон тугаган.',
      ru: 'Такого сеанса нет, или он уже завершён.',
      en: 'There is no such session, or it has already ended.',
    },
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: {
      uz: 'Avval bir martalik parolni almashtiring.',
      oz: 'Аввал бир марталик паролни алмаштиринг.',
      ru: 'Сначала смените одноразовый пароль.',
      en: 'Change your one-time password first.',
    },
  },
  TOTP_SETUP_REQUIRED: {
    status: 403,
    message: {
      uz: 'Sizning rolingiz uchun ikki bosqichli tasdiqlashni yoqish shart.',
      oz: 'Сизнинг ролингиз учун икки босқичли тасдиқлашни ёқиш шарт.',
      ru: 'Для вашей роли необходимо включить двухфакторную аутентификацию.',
      en: 'Your role requires two-factor authentication to be set up.',
    },
  },
  WEAK_PASSWORD: {
    status: 400,
    message: {
      uz: 'Parol kamida 12 belgidan iborat boʻlishi va avvalgisidan farq qilishi kerak.',
      oz: 'Парол камида 12 белгидан иборат бўлиши ва аввалгисидан фарқ қилиши керак.',
      ru: 'Пароль должен содержать не менее 12 символов и отличаться от прежнего.',
      en: 'The password must be at least 12 characters and differ from the old one.',
    },
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: {
      uz: 'Xavfsizlik kaliti eskirgan. Sahifani yangilab, qayta yuboring.',
      oz: 'Хавфсизлик калити эскирган. Саҳифани янгилаб, қайта юборинг.',
      ru: 'Ключ безопасности устарел. Обновите страницу и отправьте снова.',
      en: 'The security token expired. Reload the page and submit again.',
    },
  },
  EXPORT_TOO_LARGE: {
    status: 422,
    message: {
      uz: 'Bitta faylga 50 000 tadan ortiq murojaat sigʻmaydi. Filtrlarni toraytiring.',
      oz: 'Битта файлга 50 000 тадан ортиқ мурожаат сиғмайди. Фильтрларни торайтиринг.',
      ru: 'В один файл помещается не более 50 000 обращений. Сузьте фильтры.',
      en: 'One file holds at most 50,000 appeals. Narrow the filters.',
    },
  },
  APPEAL_ON_HOLD: {
    status: 409,
    message: {
      uz: 'Bu murojaat allaqachon saqlash uchun toʻxtatilgan (legal hold).',
      oz: 'Бу мурожаат аллақачон сақлаш учун тўхтатилган (legal hold).',
      ru: 'Это обращение уже удерживается от обезличивания (legal hold).',
      en: 'This appeal is already on legal hold.',
    },
  },
  HOLD_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bu murojaat saqlash uchun toʻxtatilmagan.',
      oz: 'Бу мурожаат сақлаш учун тўхтатилмаган.',
      ru: 'Это обращение не удерживается.',
      en: 'This appeal is not on legal hold.',
    },
  },
  APPEAL_ANONYMISED: {
    status: 409,
    message: {
      uz: 'Murojaatning shaxsiy maʼlumotlari saqlash muddati tugagani sababli oʻchirilgan.',
      oz: 'Мурожаатнинг шахсий маълумотлари сақлаш муддати тугагани сабабли ўчирилган.',
      ru: 'Персональные данные обращения уже обезличены по истечении срока хранения.',
      en: 'The appeal’s personal data were already anonymised when its retention term ended.',
    },
  },
  FORBIDDEN: {
    status: 403,
    message: {
      uz: 'Bu amal uchun ruxsatingiz yoʻq.',
      oz: 'Бу амал учун рухсатингиз йўқ.',
      ru: 'У вас нет прав на это действие.',
      en: 'You are not allowed to do this.',
    },
  },
  USER_EXISTS: {
    status: 409,
    message: {
      uz: 'Bunday login band.',
      oz: 'Бундай логин банд.',
      ru: 'Такой логин уже занят.',
      en: 'This login is already taken.',
    },
  },
  UNIT_NOT_FOUND: {
    status: 400,
    message: {
      uz: 'Boʻlinma topilmadi.',
      oz: 'Бўлинма топилмади.',
      ru: 'Подразделение не найдено.',
      en: 'Unit not found.',
    },
  },
  TERRITORY_NOT_FOUND: {
    status: 400,
    message: {
      uz: 'Viloyat topilmadi.',
      oz: 'Вилоят топилмади.',
      ru: 'Регион не найден.',
      en: 'Region not found.',
    },
  },
  ALREADY_EXISTS: {
    status: 409,
    message: {
      uz: 'Bunday kodli yozuv allaqachon mavjud.',
      oz: 'Бундай кодли ёзув аллақачон мавжуд.',
      ru: 'Запись с таким кодом уже существует.',
      en: 'An entry with this code already exists.',
    },
  },
  IN_USE: {
    status: 409,
    message: {
      uz: 'Bu yozuv ishlatilmoqda: avval unga bogʻliq xodimlar va ochiq murojaatlarni boshqa joyga oʻtkazing.',
      oz: 'Бу ёзув ишлатилмоқда: аввал унга боғлиқ ходимлар ва очиқ мурожаатларни бошқа жойга ўтказинг.',
      ru: 'Запись используется: сначала переведите связанных сотрудников и открытые обращения.',
      en: 'This entry is in use: move the staff and open appeals that depend on it first.',
    },
  },
  LAST_ADMIN: {
    status: 409,
    message: {
      uz: 'Oxirgi faol administratorni oʻchirib yoki uning rolini oʻzgartirib boʻlmaydi.',
      oz: 'Охирги фаол администраторни ўчириб ёки унинг ролини ўзгартириб бўлмайди.',
      ru: 'Нельзя отключить последнего активного администратора или сменить его роль.',
      en: 'The last active administrator cannot be deactivated or given another role.',
    },
  },
  FILE_STORAGE_UNAVAILABLE: {
    status: 503,
    message: {
      uz: 'Fayllar ombori vaqtincha ishlamayapti, hech narsa saqlanmadi. Birozdan soʻng qayta urinib koʻring.',
      oz: 'Файллар омбори вақтинча ишламаяпти, ҳеч нарса сақланмади. Бироздан сўнг қайта уриниб кўринг.',
      ru: 'Хранилище файлов временно недоступно, ничего не сохранено. Повторите попытку позже.',
      en: 'File storage is temporarily unavailable and nothing was saved. Try again shortly.',
    },
  },
  ATTACHMENT_MISSING: {
    status: 404,
    message: {
      uz: 'Bu faylning mazmuni omborda topilmadi.',
      oz: 'Бу файлнинг мазмуни омборда топилмади.',
      ru: 'Содержимое этого файла не найдено в хранилище.',
      en: 'The content of this file is missing from storage.',
    },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: {
      uz: 'Xizmat vaqtincha ishlamayapti. Birozdan soʻng qayta urinib koʻring.',
      oz: 'Хизмат вақтинча ишламаяпти. Бироздан сўнг қайта уриниб кўринг.',
      ru: 'Сервис временно недоступен. Повторите попытку позже.',
      en: 'The service is temporarily unavailable. Try again shortly.',
    },
  },
  INTERNAL_ERROR: {
    status: 500,
    message: {
      uz: 'Ichki xato yuz berdi.',
      oz: 'Ички хато юз берди.',
      ru: 'Произошла внутренняя ошибка.',
      en: 'An internal error occurred.',
    },
  },
  NOTICE_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday xabarnoma topilmadi.',
      oz: 'Бундай хабарнома топилмади.',
      ru: 'Такое уведомление не найдено.',
      en: 'No such notice was found.',
    },
  },
  NOTICE_ALREADY_DELIVERED: {
    status: 409,
    message: {
      uz: 'Bu xabarnoma allaqachon yuborilgan yoki yuborilmoqda.',
      oz: 'Бу хабарнома аллақачон юборилган ёки юборилмоқда.',
      ru: 'Это уведомление уже отправлено или отправляется.',
      en: 'This notice has already been sent or is being sent.',
    },
  },
  ASK_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday savol topilmadi. Savolni qaytadan bering.',
      oz: 'Бундай савол топилмади. Саволни қайтадан беринг.',
      ru: 'Такой вопрос не найден. Задайте вопрос ещё раз.',
      en: 'No such question was found. Please ask again.',
    },
  },
  ARTICLE_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday maqola topilmadi.',
      oz: 'Бундай мақола топилмади.',
      ru: 'Такая статья не найдена.',
      en: 'No such article was found.',
    },
  },
  HANDOFF_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday soʻrov topilmadi.',
      oz: 'Бундай сўров топилмади.',
      ru: 'Такая заявка не найдена.',
      en: 'No such request was found.',
    },
  },
  ALERT_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday ogohlantirish topilmadi.',
      oz: 'Бундай огоҳлантириш топилмади.',
      ru: 'Такое оповещение не найдено.',
      en: 'No such alert was found.',
    },
  },
  CAMPAIGN_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday ommaviy murojaat topilmadi.',
      oz: 'Бундай оммавий мурожаат топилмади.',
      ru: 'Такое массовое обращение не найдено.',
      en: 'No such mass appeal was found.',
    },
  },
  ALERT_ALREADY_ACKNOWLEDGED: {
    status: 409,
    message: {
      uz: 'Bu ogohlantirish allaqachon koʻrib chiqilgan.',
      oz: 'Бу огоҳлантириш аллақачон кўриб чиқилган.',
      ru: 'Это оповещение уже принято к сведению.',
      en: 'This alert has already been acknowledged.',
    },
  },
  INTEGRATION_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday integratsiya kaliti topilmadi.',
      oz: 'Бундай интеграция калити топилмади.',
      ru: 'Такой ключ интеграции не найден.',
      en: 'No such integration key was found.',
    },
  },
  INTEGRATION_KEY_INVALID: {
    status: 403,
    message: {
      uz: 'API kaliti yoʻq, notoʻgʻri yoki bekor qilingan.',
      oz: 'API калити йўқ, нотўғри ёки бекор қилинган.',
      ru: 'Ключ API отсутствует, неверен или отозван.',
      en: 'The API key is missing, wrong or revoked.',
    },
  },
  INTEGRATION_SCOPE_MISSING: {
    status: 403,
    message: {
      uz: 'Bu API kalitiga bu amal ruxsat etilmagan.',
      oz: 'Бу API калитига бу амал рухсат этилмаган.',
      ru: 'Этому ключу API такое действие не разрешено.',
      en: 'This API key is not allowed to do this.',
    },
  },
  WEBHOOK_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday webhook topilmadi.',
      oz: 'Бундай webhook топилмади.',
      ru: 'Такой вебхук не найден.',
      en: 'No such webhook was found.',
    },
  },
  WEBHOOK_DELIVERY_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday yetkazish topilmadi.',
      oz: 'Бундай етказиш топилмади.',
      ru: 'Такая доставка не найдена.',
      en: 'No such delivery was found.',
    },
  },
  WEBHOOK_DELIVERY_PENDING: {
    status: 409,
    message: {
      uz: 'Bu yetkazish hali navbatda: tugashini kuting.',
      oz: 'Бу етказиш ҳали навбатда: тугашини кутинг.',
      ru: 'Эта доставка ещё в очереди: дождитесь её завершения.',
      en: 'This delivery is still queued: wait for it to finish.',
    },
  },
  WEBHOOK_INTEGRATION_INVALID: {
    status: 400,
    message: {
      uz: 'Integratsiya topilmadi, bekor qilingan yoki unga webhook olish ruxsat etilmagan.',
      oz: 'Интеграция топилмади, бекор қилинган ёки унга webhook олиш рухсат этилмаган.',
      ru: 'Интеграция не найдена, отозвана или ей не разрешено получать вебхуки.',
      en: 'The integration does not exist, is revoked, or may not receive webhooks.',
    },
  },
  INTEGRATION_SIGNATURE_INVALID: {
    status: 401,
    message: {
      uz: 'Soʻrov imzosi yoʻq yoki notoʻgʻri.',
      oz: 'Сўров имзоси йўқ ёки нотўғри.',
      ru: 'Подпись запроса отсутствует или неверна.',
      en: 'The request signature is missing or wrong.',
    },
  },
  INTEGRATION_TIMESTAMP_INVALID: {
    status: 401,
    message: {
      uz: 'Soʻrov vaqti yoʻq yoki 5 daqiqadan koʻproq farq qiladi.',
      oz: 'Сўров вақти йўқ ёки 5 дақиқадан кўпроқ фарқ қилади.',
      ru: 'Время запроса отсутствует или отличается более чем на 5 минут.',
      en: 'The request timestamp is missing or more than 5 minutes off.',
    },
  },
  FORWARDED_APPEAL_CONFLICT: {
    status: 409,
    message: {
      uz: 'Bu manba va tashqi raqam bilan boshqa mazmundagi murojaat allaqachon qabul qilingan.',
      oz: 'Бу манба ва ташқи рақам билан бошқа мазмундаги мурожаат аллақачон қабул қилинган.',
      ru: 'Обращение с этим источником и внешним номером уже принято с другим содержанием.',
      en: 'An appeal with this source and external id was already received with different content.',
    },
  },
  LINK_CODE_INVALID: {
    status: 400,
    message: {
      uz: 'Kod notoʻgʻri yoki muddati oʻtgan. Yangi kod oling.',
      oz: 'Код нотўғри ёки муддати ўтган. Янги код олинг.',
      ru: 'Код неверный или устарел. Получите новый код.',
      en: 'The code is wrong or has expired. Get a new code.',
    },
  },
  CHANNEL_NOT_CONFIGURED: {
    status: 409,
    message: {
      uz: 'Bu kanal administrator tomonidan sozlanmagan.',
      oz: 'Бу канал администратор томонидан созланмаган.',
      ru: 'Этот канал не настроен администратором.',
      en: 'An administrator has not set this channel up.',
    },
  },
  CHANNEL_UNAVAILABLE: {
    status: 502,
    message: {
      uz: 'Xatni yuborib boʻlmadi. Manzilni tekshirib, birozdan soʻng qayta urinib koʻring.',
      oz: 'Хатни юбориб бўлмади. Манзилни текшириб, бироздан сўнг қайта уриниб кўринг.',
      ru: 'Не удалось отправить письмо. Проверьте адрес и повторите попытку позже.',
      en: 'The message could not be sent. Check the address and try again shortly.',
    },
  },
  REPORT_SCHEDULE_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday hisobot jadvali topilmadi.',
      oz: 'Бундай ҳисобот жадвали топилмади.',
      ru: 'Такое расписание отчёта не найдено.',
      en: 'No such report schedule was found.',
    },
  },
  REPORT_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday hisobot topilmadi.',
      oz: 'Бундай ҳисобот топилмади.',
      ru: 'Такой отчёт не найден.',
      en: 'No such report was found.',
    },
  },
  REPORT_RECIPIENT_INVALID: {
    status: 400,
    message: {
      uz: 'Hisobotni oluvchi faol xodim boʻlishi, tahlilni koʻrish huquqiga ega boʻlishi va boʻlinma uning doirasida boʻlishi kerak.',
      oz: 'Ҳисоботни олувчи фаол ходим бўлиши, таҳлилни кўриш ҳуқуқига эга бўлиши ва бўлинма унинг доирасида бўлиши керак.',
      ru: 'Получатель отчёта должен быть действующим сотрудником с доступом к аналитике, и подразделение должно входить в его сферу.',
      en: 'A recipient must be an active staff member who may read analytics and has the unit in their scope.',
    },
  },
  REPORT_MONTH_NOT_ENDED: {
    status: 400,
    message: {
      uz: 'Hisobot faqat tugagan oy uchun tuziladi.',
      oz: 'Ҳисобот фақат тугаган ой учун тузилади.',
      ru: 'Отчёт составляется только за завершившийся месяц.',
      en: 'A report is written only for a month that has ended.',
    },
  },
  SSO_NOT_CONFIGURED: {
    status: 404,
    message: {
      uz: 'Yagona kirish tizimi orqali kirish sozlanmagan. Login va parol bilan kiring.',
      oz: 'Ягона кириш тизими орқали кириш созланмаган. Логин ва парол билан киринг.',
      ru: 'Вход через единую систему идентификации не настроен. Войдите по логину и паролю.',
      en: 'Single sign-on is not set up. Sign in with your login and password.',
    },
  },
  SSO_FAILED: {
    status: 400,
    message: {
      uz: 'Yagona kirish tizimi orqali kirish yakunlanmadi (muddati oʻtgan yoki boshqa oynada boshlangan). Qaytadan urinib koʻring.',
      oz: 'Ягона кириш тизими орқали кириш якунланмади (муддати ўтган ёки бошқа ойнада бошланган). Қайтадан уриниб кўринг.',
      ru: 'Вход через единую систему идентификации не завершён (истёк срок или начат в другом окне). Попробуйте снова.',
      en: 'Single sign-on did not complete (it expired or was started in another window). Try again.',
    },
  },
  IDENTITY_NOT_FOUND: {
    status: 404,
    message: {
      uz: 'Bunday tashqi hisob topilmadi.',
      oz: 'Бундай ташқи ҳисоб топилмади.',
      ru: 'Такая внешняя учётная запись не найдена.',
      en: 'No such external identity.',
    },
  },
  IDENTITY_ADMIN_SELF_ONLY: {
    status: 403,
    message: {
      uz: 'Administrator hisobiga tashqi hisobni faqat shu administratorning oʻzi bogʻlay oladi.',
      oz: 'Администратор ҳисобига ташқи ҳисобни фақат шу администраторнинг ўзи боғлай олади.',
      ru: 'Внешнюю учётную запись к учётной записи администратора может привязать только он сам.',
      en: 'Only administrators themselves may match an external identity to their own account.',
    },
  },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof catalogue;
export const errorCodes = Object.keys(catalogue) as ErrorCode[];

/** HTTP status of an error code. */
export function errorStatus(code: ErrorCode): number {
  return catalogue[code].status;
}

/**
 * The errors a citizen can meet on the portal, in the Telegram bot or through the public API, in Karakalpak
 * (Latin script of 2016; awaiting review by a native speaker, see docs/karakalpak.md). The codes only staff
 * meet (sign-in, casework, administration) have no Karakalpak text: the staff console is not offered in it.
 */
const karakalpak = {
  VALIDATION_FAILED: 'Maǵlıwmatlarda qáte bar. Belgilengen maydanlardı tekseriń.',
  MALFORMED_REQUEST: 'Sorawdı oqıw múmkin bolmadı.',
  UNSUPPORTED_MEDIA_TYPE: 'Bunday túrdegi maǵlıwmat qabıl etilmeydi.',
  PAYLOAD_TOO_LARGE: 'Soraw yamasa fayl kólemi júdá úlken.',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'Tek súwret, PDF hám ofis hújjetlerin qosıwǵa boladı.',
  ATTACHMENT_IMAGE_TOO_LARGE: 'Súwret júdá úlken (60 megapikselden aspawı kerek). Kishirek súwret jiberiń.',
  TOO_MANY_ATTACHMENTS: 'Fayllar sanı júdá kóp.',
  RATE_LIMITED: 'Sorawlar júdá kóp. Keyinirek qaytadan urınıp kóriń.',
  NOT_FOUND: 'Tabılmadı.',
  METHOD_NOT_ALLOWED: 'Bul usılǵa ruqsat etilmeydi.',
  APPEAL_NOT_FOUND: 'Bunday nomer hám kodlı murájat tabılmadı.',
  RATING_NOT_ALLOWED: 'Juwaptı tek ol berilgennen keyin bahalawǵa boladı.',
  CSRF_TOKEN_INVALID: 'Qáwipsizlik gilti eskirgen. Betti qaytadan ashıp, jáne jiberiń.',
  SERVICE_UNAVAILABLE: 'Xızmet waqtınsha islemey tur. Azdan soń qaytadan urınıp kóriń.',
  INTERNAL_ERROR: 'Ishki qáte júz berdi.',
  ASK_NOT_FOUND: 'Bunday soraw tabılmadı. Sorawıńızdı qaytadan beriń.',
  LINK_CODE_INVALID: 'Kod qáte yamasa onıń múddeti ótken. Jańa kod alıń.',
  CHANNEL_UNAVAILABLE: 'Xabardı jiberiw múmkin bolmadı. Mánzildi tekserip, azdan soń qaytadan urınıp kóriń.',
  TERRITORY_NOT_FOUND: 'Aymaq tabılmadı.',
  FILE_STORAGE_UNAVAILABLE:
    'Fayllar saqlawxanası waqıtsha islemey tur, hesh nárse saqlanbadı. Azdan soń qaytadan urınıp kóriń.',
  ATTACHMENT_MISSING: 'Fayl tabılmadı.',
} satisfies Partial<Record<ErrorCode, string>>;

function hasKarakalpak(code: ErrorCode): code is keyof typeof karakalpak {
  return code in karakalpak;
}

/**
 * The people-facing message of an error code in a citizen's language. A Karakalpak reader meeting a code only
 * staff should meet reads it in Uzbek Latin, the nearest language with a text.
 */
export function errorMessage(code: ErrorCode, language: CitizenLanguage): string {
  if (language !== 'kaa') return catalogue[code].message[language];
  return hasKarakalpak(code) ? karakalpak[code] : catalogue[code].message.uz;
}

/** One invalid field: its JSON path (as the form's `name`) and a message for people. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    /** Facts a client shows beside the message (the placeholders an answer still holds …). */
    details?: Record<string, unknown>;
    requestId?: string;
  };
}
