import type { AnswerLanguage } from '../../contracts/enums.ts';
import { limits } from '../../contracts/limits.ts';
import { detectTextLanguage, type Language } from '../../nlp/index.ts';
import { parseStatus } from '../appeals/appeal.presenter.ts';
import { isFinal } from '../appeals/appeal-lifecycle.ts';
import { findByNumber, lockById } from '../appeals/appeals.repository.ts';
import { discardAttachments, type StoredAttachment, storeAttachment } from '../appeals/attachments.ts';
import { applyChange } from '../appeals/change-appeal.ts';
import { registerAppeal } from '../appeals/register-appeal.ts';
import { answerLanguageByScript } from '../assist/text-reader.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import type { ReplyFacts } from './mail-replies.ts';

/** One e-mail as the listener parsed it: only what intake reads. */
export interface IncomingMail {
  /** The sender's address from the From header, lower-cased; the appeal's contact. */
  from: string;
  /** The sender's name as the From header gives it, if any. */
  displayName: string;
  subject: string;
  text: string;
  /** Message-IDs this mail answers (In-Reply-To and References). */
  replyTo: string[];
  files: { filename: string; content: Buffer }[];
}

/** What became of a mail, and what to reply. */
export interface MailOutcome {
  kind: 'registered' | 'added';
  number: string;
  language: AnswerLanguage;
  reply: ReplyFacts;
}

// The number of an appeal anywhere in a subject ("Re: Appeal IIV-2026-0000123 registered"), and in the
// Message-ID of our own reply (`<appeal.IIV-2026-0000123.…@…>`) that a mail program names when answering.
const numberInText = /\bIIV-\d{4}-\d{7}\b/i;
const numberInOurId = /^<?appeal\.(IIV-\d{4}-\d{7})\./i;

const answerLanguageOf: Partial<Record<Language, AnswerLanguage>> = {
  'uz-Latn': 'uz',
  'uz-Cyrl': 'oz',
  ru: 'ru',
  en: 'en',
  kaa: 'kaa',
};

/** The language to answer in: the language layer's reading of the text, else its script. */
export function mailLanguage(text: string): AnswerLanguage {
  return answerLanguageOf[detectTextLanguage(text).language] ?? answerLanguageByScript(text);
}

/** The appeal a mail says it continues: a number in its subject, or our reply it answers. */
export function continuedNumber(mail: Pick<IncomingMail, 'subject' | 'replyTo'>): string | null {
  const inSubject = numberInText.exec(mail.subject)?.[0];
  if (inSubject) return inSubject.toUpperCase();
  for (const id of mail.replyTo) {
    const found = numberInOurId.exec(id.trim())?.[1];
    if (found) return found.toUpperCase();
  }
  return null;
}

/**
 * Receives one e-mail: a mail that continues an open appeal of the same sender (its number in the subject,
 * or an answer to our reply) joins that appeal as the applicant's message; any other mail is registered as
 * a new appeal on the `email` channel — never refused. The sender's address is the contact; the name the
 * From header gives is kept, and what the law needs and the mail lacks is asked for in the reply. Files are
 * judged by their content like everywhere else; those refused are named in the reply, not fatal.
 */
export async function receiveMail(ctx: AppContext, mail: IncomingMail): Promise<MailOutcome> {
  const text = mail.text.trim().slice(0, limits.textMaxChars);
  const { kept, refused } = await storeFiles(ctx, mail.files);
  try {
    const added = await addToAppeal(ctx, mail, text, kept, refused);
    if (added) return added;
    return await registerFromMail(ctx, mail, text, kept, refused);
  } catch (error) {
    // Nothing was committed: the files belong to no appeal.
    await discardAttachments(ctx.files, kept);
    throw error;
  }
}

async function storeFiles(ctx: AppContext, files: IncomingMail['files']) {
  const kept: StoredAttachment[] = [];
  const refused: string[] = [];
  for (const file of files) {
    if (kept.length >= limits.attachmentsMaxCount) {
      refused.push(file.filename);
      continue;
    }
    try {
      kept.push(await storeAttachment(ctx.files, file.filename, file.content));
    } catch (error) {
      // A store that is down refuses nothing: the message is answered 451 and the mail server sends it again.
      if (!(error instanceof AppError) || error.code === 'FILE_STORAGE_UNAVAILABLE') {
        await discardAttachments(ctx.files, kept);
        throw error;
      }
      refused.push(file.filename);
    }
  }
  return { kept, refused };
}

/**
 * Adds the mail to the appeal it continues, when that appeal is open and came from the same address;
 * otherwise nothing (the caller registers it as a new appeal, and tells the sender nothing about the other).
 */
async function addToAppeal(
  ctx: AppContext,
  mail: IncomingMail,
  text: string,
  kept: StoredAttachment[],
  refused: string[],
): Promise<MailOutcome | undefined> {
  const number = continuedNumber(mail);
  if (!number) return undefined;
  const found = await findByNumber(ctx.db, number);
  // Under every key of the ring: an appeal not yet re-keyed after a rotation holds the old key's hash.
  const senders = ctx.protector.lookupHashes('email', mail.from);
  const stored = found?.email_hash;
  if (!found || found.sandbox || !stored || !senders.some((s) => s.equals(stored))) return undefined;
  return ctx.db.transaction().execute(async (tx) => {
    const appeal = await lockById(tx, found.id);
    if (!appeal || isFinal(parseStatus(appeal.status))) return undefined;
    await applyChange({
      ctx,
      tx,
      appeal,
      actor: { kind: 'applicant' },
      input: { action: 'add_applicant_message', text, channel: 'email', attachments: kept },
      now: ctx.clock.now(),
    });
    const language = answerLanguageFromRow(appeal.answer_language);
    return {
      kind: 'added' as const,
      number: appeal.number,
      language,
      reply: { kind: 'added' as const, number: appeal.number, refusedFiles: refused },
    };
  });
}

async function registerFromMail(
  ctx: AppContext,
  mail: IncomingMail,
  text: string,
  kept: StoredAttachment[],
  refused: string[],
): Promise<MailOutcome> {
  // The subject is part of what the person wrote; a mail with only files still becomes an appeal.
  const body = [mail.subject.trim(), text].filter(Boolean).join('\n\n').slice(0, limits.textMaxChars) || '—';
  const language = mailLanguage(body);
  const [firstName = '', ...rest] = mail.displayName.trim().split(/\s+/).filter(Boolean);
  const lastName = rest.join(' ');
  const missing: ('name' | 'address')[] = [];
  if (!firstName || !lastName) missing.push('name');
  // A mail never carries a place of residence the law would accept without a person reading it.
  missing.push('address');
  const registered = await registerAppeal({
    ctx,
    channel: 'email',
    attachments: kept,
    missingDetails: missing,
    input: {
      type: 'ariza',
      applicant: {
        kind: 'individual',
        lastName: lastName.slice(0, limits.nameMaxChars),
        firstName: firstName.slice(0, limits.nameMaxChars),
        patronymic: undefined,
        address: '',
        phone: undefined,
        email: mail.from,
        pinfl: undefined,
      },
      text: body,
      territory: undefined,
      category: undefined,
      answerLanguage: language,
      answerChannel: 'email',
      consent: true,
    },
  });
  const publicUrl = ctx.config.publicUrl?.replace(/\/$/, '');
  return {
    kind: 'registered',
    number: registered.number,
    language,
    reply: {
      kind: 'registered',
      number: registered.number,
      accessCode: registered.accessCode,
      dueOn: localDateOf(new Date(registered.dueAt)),
      missing,
      refusedFiles: refused,
      trackingUrl: publicUrl ? `${publicUrl}/${language}/track?number=${registered.number}` : null,
    },
  };
}

function answerLanguageFromRow(value: string): AnswerLanguage {
  return value === 'oz' || value === 'ru' || value === 'en' || value === 'kaa' ? value : 'uz';
}
