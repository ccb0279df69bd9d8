import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelPreferencesSchema,
  emailCodeSentSchema,
  emailConfirmSchema,
  emailLinkSchema,
  myChannelsSchema,
  staffChannelParams,
  telegramLinkSchema,
} from '../../contracts/notifications.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import {
  confirmEmailLink,
  myChannels,
  setMyChannels,
  startEmailLink,
  startTelegramLink,
  unlinkMyChannel,
} from './staff-channels.ts';

/** My own links for my notices (e-mail, Telegram): each route acts on the signed-in user's links only. */
export function staffChannelsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/me/channels',
      {
        schema: {
          tags: ['staff'],
          summary: 'Where my own notices go besides the console: my linked e-mail and Telegram chat',
          response: { 200: myChannelsSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return myChannels(ctx, user);
      },
    );

    api.post(
      '/api/v1/me/channels/email',
      {
        schema: {
          tags: ['staff'],
          summary: 'Send a one-time code to the e-mail address I want my notices at',
          body: emailLinkSchema,
          response: { 200: emailCodeSentSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return startEmailLink({ ctx, user, address: request.body.address });
      },
    );

    api.post(
      '/api/v1/me/channels/email/confirm',
      {
        schema: {
          tags: ['staff'],
          summary: 'Confirm my e-mail address with the code sent to it',
          body: emailConfirmSchema,
          response: { 200: myChannelsSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return confirmEmailLink({ ctx, user, code: request.body.code });
      },
    );

    api.post(
      '/api/v1/me/channels/telegram',
      {
        schema: {
          tags: ['staff'],
          summary: 'A one-time code (and t.me link) that links my Telegram chat when given to the bot',
          response: { 200: telegramLinkSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return startTelegramLink({ ctx, user });
      },
    );

    api.patch(
      '/api/v1/me/channels',
      {
        schema: {
          tags: ['staff'],
          summary: 'Choose which of my links receive my notices',
          body: channelPreferencesSchema,
          response: { 200: myChannelsSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return setMyChannels({ ctx, user, ...request.body });
      },
    );

    api.delete(
      '/api/v1/me/channels/:channel',
      {
        schema: {
          tags: ['staff'],
          summary: 'Unlink my e-mail address or Telegram chat',
          params: staffChannelParams,
          response: { 200: myChannelsSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return unlinkMyChannel({ ctx, user, channel: request.params.channel });
      },
    );
  };
}
