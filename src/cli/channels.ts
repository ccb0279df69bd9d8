import { loadConfig } from '../server/config.ts';
import { deliveryReportKey, deliveryReportUrl } from '../server/notify/delivery-reports.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { loadKeyring } from '../server/security/keyring.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat channels report-url

  report-url  prints the address an SMS gateway posts delivery reports to, its key included (derived from
              the server's data key: the same on every process, nothing to store)
`;

/** `murojaat channels report-url`: what an operator gives the SMS gateway for delivery reports. */
export async function runChannels(args: string[], io: CommandIo): Promise<number> {
  if (args[0] !== 'report-url' || args.length > 1) {
    io.stderr.write(usage);
    return 2;
  }
  const config = loadConfig();
  const { keyring } = await loadKeyring(config.keys);
  const protector = new DataProtector(keyring);
  const url = deliveryReportUrl(config.publicUrl, protector);
  if (url) io.stdout.write(`${url}\n`);
  else {
    io.stdout.write(`/api/v1/channels/sms/report?key=${deliveryReportKey(protector)}\n`);
    io.stderr.write('PUBLIC_URL is not set: put the server’s public address in front of this path.\n');
  }
  return 0;
}
