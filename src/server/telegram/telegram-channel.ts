import { type Api, GrammyError, InputFile } from 'grammy';
import type { Db } from '../db/database.ts';
import { type ChannelAdapter, DeliveryError } from '../notify/channel-adapter.ts';
import { chatOfAppeal } from './telegram.repository.ts';

// Telegram answers 403 when the person blocked the bot or deleted the chat, and 400 when the chat is gone:
// retrying cannot help, staff must reach them another way.
const PERMANENT = new Set([400, 403]);

/**
 * The 'telegram' channel: pushes a notice to the chat the appeal was filed from (or to the staff member's
 * own linked chat, when the recipient names one), the letter (when the notice carries one) as a document
 * after the text.
 */
export function telegramChannel(options: { db: Db; api: Api }): ChannelAdapter {
  const { db, api } = options;
  return {
    channel: 'telegram',
    async send(notice, to) {
      const chatId =
        to.telegramChatId ?? (notice.appealId === null ? undefined : await chatOfAppeal(db, notice.appealId));
      if (chatId === undefined)
        throw new DeliveryError(
          'the appeal was not filed through the Telegram bot',
          true,
          'no_address',
          'Telegram',
        );
      try {
        const sent = await api.sendMessage(chatId, notice.text);
        if (notice.letter) {
          await api.sendDocument(chatId, new InputFile(notice.letter.content, notice.letter.filename));
        }
        return { providerId: String(sent.message_id) };
      } catch (error) {
        if (error instanceof GrammyError) {
          const permanent = PERMANENT.has(error.error_code);
          throw new DeliveryError(
            `Telegram refused the message (${error.error_code})`,
            permanent,
            // 403: the citizen blocked the bot; 400: the chat is gone.
            permanent ? 'blocked' : 'unavailable',
            `Telegram ${error.error_code}`,
          );
        }
        throw error;
      }
    },
  };
}
