import type { AnswerChannel } from '../../contracts/enums.ts';
import type { ChannelsConfig } from '../config.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import { emailAdapter } from './email-adapter.ts';
import { eskizSmsAdapter, httpSmsAdapter } from './sms-adapters.ts';

/** The configured outside channels, one adapter per channel; a channel missing here sends nothing. */
export type ChannelRegistry = Map<AnswerChannel, ChannelAdapter>;

/** Builds the adapters the configuration turns on (others, such as Telegram, add themselves later). */
export function buildChannels(
  config: ChannelsConfig,
  options: { smsReportUrl?: string | undefined } = {},
): ChannelRegistry {
  const channels: ChannelRegistry = new Map();
  if (config.email) channels.set('email', emailAdapter(config.email));
  if (config.sms?.provider === 'http') channels.set('sms', httpSmsAdapter(config.sms));
  // Eskiz reports delivery to the address given with each message: ours, unless the administrator chose one.
  if (config.sms?.provider === 'eskiz')
    channels.set(
      'sms',
      eskizSmsAdapter({ ...config.sms, callbackUrl: config.sms.callbackUrl ?? options.smsReportUrl }),
    );
  return channels;
}

/** Stops every adapter's background work (open SMTP connections, polling). */
export async function closeChannels(channels: ChannelRegistry): Promise<void> {
  await Promise.all([...channels.values()].map((adapter) => adapter.close?.()));
}
