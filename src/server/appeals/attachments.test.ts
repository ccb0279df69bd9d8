import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../storage/file-store.ts';
import { storeAttachment } from './attachments.ts';

// Voice messages are evidence people send from Telegram or a phone: kept, judged by their content.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'murojaat-attachments-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The first page of an Ogg Opus stream, as Telegram's voice notes begin. */
function oggOpus(): Buffer {
  const page = Buffer.alloc(64);
  page.write('OggS', 0, 'latin1');
  page.write('OpusHead', 28, 'latin1');
  return page;
}

describe('attachments', () => {
  it('keeps a Telegram voice note (Ogg Opus) as audio/ogg, for download only', async () => {
    const stored = await storeAttachment(new DiskFileStore(dir), 'voice.ogg', oggOpus());
    expect(stored).toMatchObject({ mime: 'audio/ogg', filename: 'voice.ogg', reencoded: false });
  });

  it('refuses what is named like a voice note but is not one', async () => {
    const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
    await expect(storeAttachment(new DiskFileStore(dir), 'voice.ogg', script)).rejects.toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
    });
  });
});
