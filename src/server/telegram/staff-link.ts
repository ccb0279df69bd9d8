import type { Context, NextFunction } from 'grammy';
import type { AppContext } from '../context.ts';
import { linkTelegramChat } from '../notify/staff-channels.ts';
import { staffLanguage } from '../notify/staff-notice-texts.ts';
import type { GuessPolicy } from '../security/back-off.ts';
import { botMessages } from './bot-messages.ts';
import { findChat } from './telegram.repository.ts';

// The staff side of the bot: a staff member links this chat for their own notices with the one-time code
// the console shows, by its t.me link (`/start staff-<code>`) or typed (`/link <code>`). Everything else
// goes on to the citizen journey; a chat that follows appeals as a citizen keeps doing so, apart.

const linkCommand = /^\/(?:start(?:@\w+)?\s+staff-(\S+)|link(?:@\w+)?(?:\s+(\S*))?)\s*$/i;

/** grammY middleware that takes staff link commands in private chats and passes everything else on. */
export function staffLinkCommands(options: { ctx: AppContext; codeGuesses: GuessPolicy | false }) {
  const { ctx: app, codeGuesses } = options;
  return async (tg: Context, next: NextFunction): Promise<void> => {
    const text = tg.message?.text?.trim() ?? '';
    const match = linkCommand.exec(text);
    const chatId = tg.chat?.id;
    if (!match || chatId === undefined || tg.chat?.type !== 'private') return next();
    const code = match[1] ?? match[2] ?? '';
    const linked = await linkTelegramChat({ ctx: app, code, chatId, guesses: codeGuesses });
    if (linked) {
      await tg.reply(botMessages(staffLanguage(linked.language)).staffLinked);
      return;
    }
    // Wrong, expired, replayed or held back for too many wrong codes: one answer, in the chat's language.
    const language = (await findChat(app.db, chatId))?.language ?? 'uz';
    await tg.reply(botMessages(language).staffLinkRefused);
  };
}
