import { type Context, InlineKeyboard, Keyboard } from 'grammy';
import { z } from 'zod';
import {
  type AppealInput,
  type ApplicantInput,
  appealInputSchema,
  individualApplicantSchema,
  legalEntityApplicantSchema,
  normalizeUzPhone,
  type TrackedAppeal,
  trackInputSchema,
} from '../../contracts/appeal.schema.ts';
import {
  appealTypes,
  type CitizenLanguage,
  citizenLanguages,
  finalStatuses,
  referenceLanguage,
} from '../../contracts/enums.ts';
import { questionMaxChars } from '../../contracts/knowledge.schema.ts';
import { limits } from '../../contracts/limits.ts';
import { eventWords } from '../../contracts/public-history-words.ts';
import { assessUrgency } from '../../nlp/index.ts';
import { discardAttachments, type StoredAttachment, storeAttachment } from '../appeals/attachments.ts';
import { registerAppeal } from '../appeals/register-appeal.ts';
import { followInChat, ownApplicant, rateAnswer, trackAppeal } from '../appeals/track-appeal.ts';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { askChatbot } from '../knowledge/ask-chatbot.ts';
import { recordChatFeedback } from '../knowledge/chat-handoff.ts';
import type { GuessPolicy } from '../security/back-off.ts';
import { countWrongGuess, type GuessSource, isHeldNow } from '../security/guess-counters.ts';
import { type BotMessages, botMessages, chooseLanguage, emergencyInEveryLanguage } from './bot-messages.ts';
import { findChat, linkAppealToChat, saveChat } from './telegram.repository.ts';

// The citizen's side of the bot: language, filing an appeal step by step, tracking and rating. Every step
// ends in the use cases the portal and the API use (registerAppeal, trackAppeal, rateAnswer), so the bot
// can accept nothing the portal would refuse. What a chat has typed so far is kept sealed in the database:
// a restart continues the conversation where it stopped.

const steps = [
  'type',
  'kind',
  'last_name',
  'first_name',
  'organization',
  'region',
  'district',
  'address',
  'phone',
  'text',
  'files',
  'consent',
  'status_number',
  'status_code',
] as const;
type Step = (typeof steps)[number];

const applicantKinds = ['individual', 'legal_entity', 'anonymous'] as const;

const storedAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  reencoded: z.boolean(),
  // Files kept in a conversation from before keys were recorded: not known (the key rotation reads the object).
  sealedKeyId: z.string().nullable().default(null),
});

const conversationSchema = z.object({
  step: z.enum(steps).nullable(),
  draft: z.object({
    type: z.enum(appealTypes).optional(),
    kind: z.enum(applicantKinds).optional(),
    lastName: z.string().optional(),
    firstName: z.string().optional(),
    patronymic: z.string().optional(),
    organization: z.string().optional(),
    region: z.string().optional(),
    territory: z.string().optional(),
    address: z.string().optional(),
    phone: z.string().optional(),
    text: z.string().optional(),
  }),
  files: z.array(storedAttachmentSchema),
  statusNumber: z.string().optional(),
  /** The appeal last shown by /status, so that its answer can be rated with a button. */
  tracked: z.object({ number: z.string(), accessCode: z.string() }).optional(),
  /**
   * A complaint to the higher unit about that appeal's answer, under way: it continues as the original
   * applicant (read again with the code when filed, never typed in again).
   */
  complaint: z.object({ number: z.string(), accessCode: z.string() }).optional(),
});
type Conversation = z.infer<typeof conversationSchema>;

const emptyConversation = (): Conversation => ({ step: null, draft: {}, files: [] });

/** One chat's memory: the language chosen at /start and the conversation under way. */
interface Memory {
  chatId: number;
  language: CitizenLanguage | null;
  conversation: Conversation;
}

const sealContext = (chatId: number) => `telegram-chat:${chatId}`;

async function loadMemory(app: AppContext, chatId: number): Promise<Memory> {
  const row = await findChat(app.db, chatId);
  let conversation = emptyConversation();
  if (row?.state) {
    const parsed = conversationSchema.safeParse(app.protector.open(row.state, sealContext(chatId)));
    if (parsed.success) conversation = parsed.data;
  }
  return { chatId, language: row?.language ?? null, conversation };
}

async function saveMemory(app: AppContext, memory: Memory): Promise<void> {
  const { conversation } = memory;
  const empty =
    conversation.step === null && conversation.files.length === 0 && conversation.tracked === undefined;
  await saveChat(app.db, {
    chatId: memory.chatId,
    language: memory.language,
    state: empty ? null : app.protector.seal(conversation, sealContext(memory.chatId)),
    now: app.clock.now(),
  });
}

/** What the journey needs besides the application context. */
export interface JourneyOptions {
  ctx: AppContext;
  /** Fetches a file a chat sent (getFile, then the file download), refusing one over the size limit. */
  downloadFile(fileId: string): Promise<Buffer>;
  /** Wrong access codes a chat may send before look-ups by code refuse it for a while. */
  codeGuesses: GuessPolicy | false;
}

/** True when the urgency detector reads the text as a threat to life or health. */
function isEmergency(app: AppContext, text: string): boolean {
  return assessUrgency(text, { looseKey: app.textReader.looseKey(text) }).urgent;
}

const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;

/** A Tashkent day as people in Uzbekistan write it: 10.12.2026. */
function tashkentDay(instant: string): string {
  const [year, month, day] = new Date(new Date(instant).getTime() + TASHKENT_OFFSET_MS)
    .toISOString()
    .slice(0, 10)
    .split('-');
  return `${day}.${month}.${year}`;
}

function menuKeyboard(m: BotMessages): InlineKeyboard {
  return new InlineKeyboard()
    .text(m.buttons.file, 'menu:file')
    .row()
    .text(m.buttons.status, 'menu:status')
    .row()
    .text(m.buttons.help, 'menu:help');
}

// Five names do not fit one row of a narrow phone's chat: three, then two.
function languageKeyboard(): InlineKeyboard {
  const items = citizenLanguages.map((language) => ({
    label: botMessages(language).languageName,
    data: `lang:${language}`,
  }));
  return columns(new InlineKeyboard(), items, 3);
}

function columns(keyboard: InlineKeyboard, items: { label: string; data: string }[], perRow: number) {
  items.forEach((item, i) => {
    keyboard.text(item.label, item.data);
    if (i % perRow === perRow - 1) keyboard.row();
  });
  return keyboard;
}

/** The status, deadline, public history and answer of an appeal, as one message. */
function describe(m: BotMessages, appeal: TrackedAppeal): string {
  const lines = [
    m.statusTitle(appeal.number),
    m.statuses[appeal.status],
    `${m.dueLabel}: ${tashkentDay(appeal.dueAt)}`,
    '',
    m.historyTitle,
    ...appeal.history.map((e) => `${tashkentDay(e.at)} — ${eventWords(m, e.event)}`),
  ];
  if (appeal.answer) lines.push('', m.answerTitle, appeal.answer.body);
  return lines.join('\n');
}

/** Handles one update of a private chat: the whole citizen journey. */
export function createJourney({ ctx: app, downloadFile, codeGuesses }: JourneyOptions) {
  /** Runs a look-up by number and access code, counting this chat's wrong codes like the portal counts a network's. */
  async function guarded<T>(chatId: number, check: () => Promise<T>): Promise<T> {
    if (!codeGuesses) return check();
    const source: GuessSource = {
      key: app.protector.guessKey('code-chat', String(chatId)),
      policy: codeGuesses,
      kind: 'code-chat',
    };
    if (await isHeldNow(app.db, source.key, app.clock.now())) throw new AppError('RATE_LIMITED');
    try {
      return await check();
    } catch (error) {
      if (error instanceof AppError && error.code === 'APPEAL_NOT_FOUND')
        await countWrongGuess(app.db, source, app.clock.now());
      throw error;
    }
  }

  async function reset(memory: Memory): Promise<void> {
    await discardAttachments(app.files, memory.conversation.files);
    memory.conversation = emptyConversation();
  }

  async function ask(tg: Context, m: BotMessages, memory: Memory, step: Step): Promise<void> {
    memory.conversation.step = step;
    const cancel = new InlineKeyboard().text(m.buttons.cancel, 'cancel');
    const ref = app.reference();
    const language = memory.language ?? 'uz';
    switch (step) {
      case 'type':
        await tg.reply(m.askType, {
          reply_markup: columns(
            new InlineKeyboard(),
            appealTypes.map((type) => ({ label: m.types[type], data: `type:${type}` })),
            1,
          ).text(m.buttons.cancel, 'cancel'),
        });
        return;
      case 'kind':
        await tg.reply(m.askKind, {
          reply_markup: columns(
            new InlineKeyboard(),
            applicantKinds.map((kind) => ({ label: m.kinds[kind], data: `kind:${kind}` })),
            1,
          ).text(m.buttons.cancel, 'cancel'),
        });
        return;
      case 'last_name':
        await tg.reply(m.askLastName, { reply_markup: cancel });
        return;
      case 'first_name':
        await tg.reply(m.askFirstName, { reply_markup: cancel });
        return;
      case 'organization':
        await tg.reply(m.askOrganization, { reply_markup: cancel });
        return;
      case 'region': {
        const regions = [...ref.territories.values()].filter((t) => t.parentCode === null && t.active);
        await tg.reply(m.askRegion, {
          reply_markup: columns(
            new InlineKeyboard(),
            regions.map((t) => ({ label: t.names[referenceLanguage(language)], data: `region:${t.code}` })),
            2,
          )
            .row()
            .text(m.buttons.cancel, 'cancel'),
        });
        return;
      }
      case 'district': {
        const region = memory.conversation.draft.region;
        const districts = [...ref.territories.values()].filter((t) => t.parentCode === region && t.active);
        await tg.reply(m.askDistrict, {
          reply_markup: columns(
            new InlineKeyboard(),
            districts.map((t) => ({
              label: t.names[referenceLanguage(language)],
              data: `district:${t.code}`,
            })),
            2,
          )
            .row()
            .text(m.buttons.cancel, 'cancel'),
        });
        return;
      }
      case 'address':
        await tg.reply(m.askAddress, { reply_markup: cancel });
        return;
      case 'phone':
        await tg.reply(m.askPhone, {
          reply_markup: new Keyboard()
            .requestContact(m.buttons.sharePhone)
            .row()
            .text(m.buttons.skip)
            .resized()
            .oneTime(),
        });
        return;
      case 'text':
        await tg.reply(m.askText(limits.textMinChars, limits.textMaxChars), {
          reply_markup: { remove_keyboard: true },
        });
        return;
      case 'files':
        await tg.reply(m.askFiles(limits.attachmentsMaxCount), {
          reply_markup: new InlineKeyboard()
            .text(m.buttons.done, 'files:done')
            .text(m.buttons.cancel, 'cancel'),
        });
        return;
      case 'consent':
        await tg.reply(m.askConsent, {
          reply_markup: new InlineKeyboard()
            .text(m.buttons.agree, 'consent:yes')
            .text(m.buttons.cancel, 'cancel'),
        });
        return;
      case 'status_number':
        await tg.reply(m.askNumber);
        return;
      case 'status_code':
        await tg.reply(m.askCode);
        return;
    }
  }

  /** The appeal as the portal's form would send it, checked by the same schema. */
  function appealInput(memory: Memory, original?: ApplicantInput): AppealInput | null {
    const { draft, complaint } = memory.conversation;
    const ref = app.reference();
    const language = memory.language ?? 'uz';
    const district = draft.territory ? ref.territories.get(draft.territory) : undefined;
    const region = draft.region ? ref.territories.get(draft.region) : undefined;
    // The address people type is the street and house; the district and region come from the lists.
    const address = [
      draft.address,
      district?.names[referenceLanguage(language)],
      region?.names[referenceLanguage(language)],
    ]
      .filter(Boolean)
      .join(', ');
    const applicant =
      draft.kind === 'individual'
        ? {
            kind: draft.kind,
            lastName: draft.lastName,
            firstName: draft.firstName,
            patronymic: draft.patronymic,
            address,
            phone: draft.phone,
          }
        : draft.kind === 'legal_entity'
          ? { kind: draft.kind, organization: draft.organization, address, phone: draft.phone }
          : { kind: 'anonymous' };
    const parsed = appealInputSchema.safeParse({
      type: draft.type,
      applicant: original ?? applicant,
      ...(complaint ? { relatedTo: { ...complaint, kind: 'complaint' } } : {}),
      text: draft.text,
      territory: draft.territory,
      answerLanguage: language,
      answerChannel: 'telegram',
      channel: 'telegram',
      consent: true,
    });
    return parsed.success ? parsed.data : null;
  }

  async function submit(tg: Context, m: BotMessages, memory: Memory): Promise<void> {
    const { complaint } = memory.conversation;
    // A complaint is filed as the original appeal's applicant, read with its code (counted like tracking).
    const original = complaint
      ? await guarded(memory.chatId, () => ownApplicant(app, complaint)).catch((error: unknown) =>
          error instanceof AppError ? null : Promise.reject(error),
        )
      : undefined;
    const input = original === null ? null : appealInput(memory, original);
    if (!input) {
      await reset(memory);
      await tg.reply(m.failed, { reply_markup: menuKeyboard(m) });
      return;
    }
    const files: StoredAttachment[] = memory.conversation.files;
    let registered: Awaited<ReturnType<typeof registerAppeal>>;
    try {
      registered = await registerAppeal({ ctx: app, input, channel: 'telegram', attachments: files });
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      await reset(memory);
      await tg.reply(m.failed, { reply_markup: menuKeyboard(m) });
      return;
    }
    await linkAppealToChat(app.db, {
      appealNumber: registered.number,
      chatId: memory.chatId,
      now: app.clock.now(),
    });
    // The files belong to the committed appeal now.
    memory.conversation = emptyConversation();
    await tg.reply(m.registered(registered.number, registered.accessCode, tashkentDay(registered.dueAt)), {
      reply_markup: menuKeyboard(m),
    });
  }

  async function showStatus(
    tg: Context,
    m: BotMessages,
    memory: Memory,
    typed: { number: string; accessCode: string },
  ) {
    const parsed = trackInputSchema.safeParse(typed);
    memory.conversation.step = null;
    if (!parsed.success) {
      await tg.reply(m.notFound);
      return;
    }
    try {
      const appeal = await guarded(memory.chatId, () =>
        trackAppeal(app, parsed.data, memory.language ?? 'uz'),
      );
      memory.conversation.tracked = parsed.data;
      const keyboard = appeal.canRate
        ? columns(
            new InlineKeyboard(),
            [1, 2, 3, 4, 5].map((n) => ({ label: String(n), data: `rate:${n}` })),
            5,
          )
        : undefined;
      await tg.reply(describe(m, appeal));
      if (keyboard) await tg.reply(m.askRating, { reply_markup: keyboard });
      if (!finalStatuses.includes(appeal.status))
        await tg.reply(m.offerFollow, {
          reply_markup: new InlineKeyboard().text(m.buttons.follow, 'follow:start'),
        });
      if (appeal.canComplain)
        await tg.reply(m.offerComplaint, {
          reply_markup: new InlineKeyboard().text(m.buttons.complain, 'complain:start'),
        });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await tg.reply(error.code === 'RATE_LIMITED' ? m.rateLimited : m.notFound);
    }
  }

  async function onCommand(tg: Context, memory: Memory, command: string, rest: string): Promise<void> {
    if (command === 'start' || memory.language === null) {
      await reset(memory);
      await tg.reply(chooseLanguage, { reply_markup: languageKeyboard() });
      return;
    }
    const m = botMessages(memory.language);
    switch (command) {
      case 'new':
        await reset(memory);
        await ask(tg, m, memory, 'type');
        return;
      case 'status': {
        await reset(memory);
        const words = rest.trim().split(/\s+/).filter(Boolean);
        const accessCode = words.pop();
        if (accessCode && words.length > 0) {
          await showStatus(tg, m, memory, { number: words.join(' '), accessCode });
          return;
        }
        await ask(tg, m, memory, 'status_number');
        return;
      }
      case 'cancel':
        await reset(memory);
        await tg.reply(m.cancelled, { reply_markup: menuKeyboard(m) });
        return;
      default:
        await tg.reply(m.help, { reply_markup: menuKeyboard(m) });
    }
  }

  /**
   * A question typed at the menu goes to the chatbot: the article that answers it, named, with "was this
   * helpful?", or its "I don't know" with the menu (filing an appeal is the first button). The emergency
   * numbers were already sent when the question reads as a danger.
   */
  async function answerQuestion(tg: Context, m: BotMessages, language: CitizenLanguage, text: string) {
    const answer = await askChatbot({
      ctx: app,
      question: text.slice(0, questionMaxChars),
      language,
      channel: 'telegram',
    });
    if (answer.article && answer.answer) {
      const feedback = new InlineKeyboard()
        .text(m.chatHelpful, `chatfb:yes:${answer.askId}`)
        .text(m.chatNotHelpful, `chatfb:no:${answer.askId}`);
      await tg.reply(`${answer.article.title}\n\n${answer.answer}\n\n${m.chatSource(answer.article.title)}`, {
        reply_markup: feedback,
      });
      return;
    }
    await tg.reply(answer.fallback ?? m.useButtons, { reply_markup: menuKeyboard(m) });
  }

  async function onButton(tg: Context, memory: Memory, data: string): Promise<void> {
    const [action = '', value = '', askId = ''] = data.split(':');
    if (action === 'chatfb' && memory.language !== null) {
      const m = botMessages(memory.language);
      await recordChatFeedback({ ctx: app, askId, helpful: value === 'yes' }).catch((error: unknown) => {
        // A question from long ago may be gone; the thanks are the same.
        if (!(error instanceof AppError && error.code === 'ASK_NOT_FOUND')) throw error;
      });
      await tg.reply(m.chatThanks, { reply_markup: menuKeyboard(m) });
      return;
    }
    if (action === 'lang' && citizenLanguages.some((l) => l === value)) {
      memory.language = citizenLanguages.find((l) => l === value) ?? 'uz';
      await reset(memory);
      const m = botMessages(memory.language);
      await tg.reply(m.menu, { reply_markup: menuKeyboard(m) });
      return;
    }
    if (memory.language === null) {
      await tg.reply(chooseLanguage, { reply_markup: languageKeyboard() });
      return;
    }
    const m = botMessages(memory.language);
    const { conversation } = memory;
    const { draft } = conversation;
    const ref = app.reference();
    if (action === 'menu') {
      if (value === 'file') {
        await reset(memory);
        await ask(tg, m, memory, 'type');
      } else if (value === 'status') {
        await reset(memory);
        await ask(tg, m, memory, 'status_number');
      } else {
        await tg.reply(m.help, { reply_markup: menuKeyboard(m) });
      }
      return;
    }
    if (action === 'cancel') {
      await reset(memory);
      await tg.reply(m.cancelled, { reply_markup: menuKeyboard(m) });
      return;
    }
    // A button from an older message counts only at the step it belongs to.
    const type = appealTypes.find((t) => t === value);
    const kind = applicantKinds.find((k) => k === value);
    if (action === 'type' && conversation.step === 'type' && type) {
      draft.type = type;
      await ask(tg, m, memory, 'kind');
    } else if (action === 'kind' && conversation.step === 'kind' && kind) {
      draft.kind = kind;
      await ask(
        tg,
        m,
        memory,
        kind === 'individual' ? 'last_name' : kind === 'legal_entity' ? 'organization' : 'region',
      );
    } else if (action === 'region' && conversation.step === 'region' && ref.territories.has(value)) {
      draft.region = value;
      await ask(tg, m, memory, 'district');
    } else if (
      action === 'district' &&
      conversation.step === 'district' &&
      ref.territories.get(value)?.parentCode === draft.region
    ) {
      draft.territory = value;
      await ask(tg, m, memory, draft.kind === 'anonymous' ? 'text' : 'address');
    } else if (action === 'files' && conversation.step === 'files') {
      await ask(tg, m, memory, 'consent');
    } else if (action === 'consent' && conversation.step === 'consent') {
      await submit(tg, m, memory);
    } else if (action === 'follow' && conversation.tracked) {
      const tracked = conversation.tracked;
      try {
        // The code is proved again (counted like tracking) and the choice goes through the change kernel.
        const followed = await guarded(memory.chatId, () => followInChat(app, tracked));
        await linkAppealToChat(app.db, {
          appealNumber: followed.number,
          chatId: memory.chatId,
          now: app.clock.now(),
        });
        await tg.reply(m.following(followed.number), { reply_markup: menuKeyboard(m) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await tg.reply(error.code === 'INVALID_TRANSITION' ? m.followClosed : m.notFound);
      }
    } else if (action === 'complain' && conversation.tracked) {
      const tracked = conversation.tracked;
      await reset(memory);
      memory.conversation.complaint = tracked;
      memory.conversation.draft.type = 'shikoyat';
      await tg.reply(m.complaintAbout(tracked.number));
      await ask(tg, m, memory, 'text');
    } else if (action === 'rate' && conversation.tracked) {
      const tracked = conversation.tracked;
      try {
        await guarded(memory.chatId, () => rateAnswer(app, { ...tracked, rating: Number(value) }));
        await tg.reply(m.rated, { reply_markup: menuKeyboard(m) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await tg.reply(m.ratingNotAllowed);
      }
      conversation.tracked = undefined;
    } else {
      await tg.reply(m.useButtons);
    }
  }

  async function onFile(tg: Context, m: BotMessages, memory: Memory): Promise<void> {
    const message = tg.message;
    if (!message) return;
    const { conversation } = memory;
    if (conversation.files.length >= limits.attachmentsMaxCount) {
      await tg.reply(m.tooManyFiles(limits.attachmentsMaxCount));
      return;
    }
    const photo = message.photo?.at(-1);
    const file = photo ?? message.document ?? message.voice ?? message.audio ?? message.video;
    if (!file) return;
    if ((file.file_size ?? 0) > limits.attachmentMaxBytes) {
      await tg.reply(m.fileRefused);
      return;
    }
    const name =
      message.document?.file_name ??
      message.audio?.file_name ??
      (photo ? 'photo.jpg' : message.voice ? 'voice.ogg' : 'file');
    try {
      const content = await downloadFile(file.file_id);
      conversation.files.push(await storeAttachment(app.files, name, content));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await tg.reply(error.code === 'FILE_STORAGE_UNAVAILABLE' ? m.fileStorageDown : m.fileRefused);
      return;
    }
    await tg.reply(m.fileKept(conversation.files.length, limits.attachmentsMaxCount), {
      reply_markup: new InlineKeyboard().text(m.buttons.done, 'files:done').text(m.buttons.cancel, 'cancel'),
    });
  }

  async function onMessage(tg: Context, memory: Memory): Promise<void> {
    const message = tg.message;
    if (!message) return;
    const text = message.text?.trim() ?? '';
    const command = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
    if (command) {
      await onCommand(tg, memory, (command[1] ?? '').toLowerCase(), command[2] ?? '');
      return;
    }
    if (memory.language === null) {
      await tg.reply(chooseLanguage, { reply_markup: languageKeyboard() });
      return;
    }
    const m = botMessages(memory.language);
    const { conversation } = memory;
    const { draft } = conversation;
    const step = conversation.step;
    if (
      step === 'files' &&
      (message.photo || message.document || message.voice || message.audio || message.video)
    ) {
      await onFile(tg, m, memory);
      return;
    }
    if (step === 'phone') {
      const contact = message.contact;
      if (contact) {
        // Only the chat's own number, as Telegram's contact button sends it: nobody files under another's.
        if (contact.user_id !== tg.from?.id) {
          await tg.reply(m.phoneNotOwn);
          return;
        }
        const phone = normalizeUzPhone(contact.phone_number);
        if (phone) draft.phone = phone;
        else await tg.reply(m.phoneInvalid);
        await ask(tg, m, memory, 'text');
      } else if (text === m.buttons.skip) {
        await ask(tg, m, memory, 'text');
      } else {
        await tg.reply(m.phoneNotOwn);
      }
      return;
    }
    if (!text) {
      await tg.reply(m.useButtons);
      return;
    }
    switch (step) {
      case 'last_name':
      case 'first_name':
      case 'organization':
      case 'address': {
        const field =
          step === 'last_name'
            ? individualApplicantSchema.shape.lastName
            : step === 'first_name'
              ? individualApplicantSchema.shape.firstName
              : step === 'organization'
                ? legalEntityApplicantSchema.shape.organization
                : individualApplicantSchema.shape.address;
        const max =
          step === 'address'
            ? limits.addressMaxChars
            : step === 'organization'
              ? limits.organizationMaxChars
              : limits.nameMaxChars;
        if (!field.safeParse(text).success) {
          await tg.reply(text.length > max ? m.tooLong(max) : m.tooShort(step === 'address' ? 3 : 2));
          return;
        }
        if (step === 'last_name') {
          draft.lastName = text;
          await ask(tg, m, memory, 'first_name');
        } else if (step === 'first_name') {
          const [first = '', ...others] = text.split(/\s+/);
          draft.firstName = first;
          draft.patronymic = others.join(' ') || undefined;
          await ask(tg, m, memory, 'region');
        } else if (step === 'organization') {
          draft.organization = text;
          await ask(tg, m, memory, 'region');
        } else {
          draft.address = text;
          await ask(tg, m, memory, 'phone');
        }
        return;
      }
      case 'text': {
        if (text.length < limits.textMinChars) await tg.reply(m.tooShort(limits.textMinChars));
        else if (text.length > limits.textMaxChars) await tg.reply(m.tooLong(limits.textMaxChars));
        else {
          draft.text = text;
          await ask(tg, m, memory, 'files');
        }
        return;
      }
      case 'status_number': {
        const number = trackInputSchema.shape.number.safeParse(text);
        if (!number.success) {
          await tg.reply(m.badNumber);
          return;
        }
        conversation.statusNumber = number.data;
        await ask(tg, m, memory, 'status_code');
        return;
      }
      case 'status_code':
        await showStatus(tg, m, memory, { number: conversation.statusNumber ?? '', accessCode: text });
        return;
      case null:
        if (text.length >= 2) await answerQuestion(tg, m, memory.language, text);
        else await tg.reply(m.useButtons, { reply_markup: menuKeyboard(m) });
        return;
      default:
        await tg.reply(m.useButtons, { reply_markup: menuKeyboard(m) });
    }
  }

  /** One update from a private chat: the emergency numbers first when the text reads as a danger, then the step. */
  return async function handle(tg: Context): Promise<void> {
    const chat = tg.chat;
    if (chat?.type !== 'private') return;
    const memory = await loadMemory(app, chat.id);
    const said = tg.message?.text ?? tg.message?.caption;
    if (said && isEmergency(app, said)) {
      await tg.reply(memory.language ? botMessages(memory.language).emergency : emergencyInEveryLanguage());
    }
    const data = tg.callbackQuery?.data;
    if (data !== undefined) {
      await tg.answerCallbackQuery();
      await onButton(tg, memory, data);
    } else {
      await onMessage(tg, memory);
    }
    await saveMemory(app, memory);
  };
}
