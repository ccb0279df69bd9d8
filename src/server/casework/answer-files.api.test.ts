import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { appealCardSchema, attachmentListSchema } from '../../contracts/console.schema.ts';
import { elfProgram, multipart, PortalSession, tinyPng } from '../../portal/testing.ts';

// The files an executor sends with the answer: on the draft, through a return and a new draft, to the
// head's approval and into the applicant's hands, and nowhere before that.

let t: TestSystem;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

function fileAppeal() {
  return t.fileAppeal({
    applicant: { kind: 'individual', lastName: 'Olimova', firstName: 'Dilnoza', address: 'Yunusobod, 7-uy' },
    text: 'Yoʻqolgan hujjatlarim boʻyicha maʼlumotnoma berishingizni soʻrayman.',
  });
}

function act(agent: StaffAgent, number: string, payload: Record<string, unknown>) {
  return agent.request({ method: 'POST', url: `/api/v1/appeals/${number}/transitions`, payload });
}

function upload(agent: StaffAgent, number: string, files: { filename: string; content: Buffer }[]) {
  const body = multipart(
    {},
    files.map((f) => ({
      name: 'files',
      filename: f.filename,
      type: 'application/octet-stream',
      content: f.content,
    })),
  );
  return agent.request({ method: 'POST', url: `/api/v1/appeals/${number}/answer-files`, ...body });
}

async function filesOf(agent: StaffAgent, number: string) {
  const response = await agent.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments` });
  return attachmentListSchema.parse(response.json());
}

const draft = {
  action: 'draft_answer',
  outcome: 'satisfied',
  body: 'Maʼlumotnoma ilova qilindi, olib ketishingiz mumkin.',
};

describe('files sent with the answer', () => {
  it('go on the draft, survive a return, are approved with it and reach the applicant only then', async () => {
    const appeal = await fileAppeal();
    const clerk = await t.staff('clerk-af', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-af', 'executor', 'IIV-1726266-INV');
    const head = await t.staff('head-af', 'head', 'IIV-1726266-INV');
    await act(clerk, appeal.number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, appeal.number, { action: 'accept' });

    // Before there is a draft there is nothing to attach to.
    const early = await upload(executor, appeal.number, [{ filename: 'spravka.pdf', content: pdf }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');

    expect((await act(executor, appeal.number, draft)).json().status).toBe('answer_drafted');
    const card = appealCardSchema.parse(
      (await executor.request({ method: 'GET', url: `/api/v1/appeals/${appeal.number}` })).json(),
    );
    expect(card.answerFilesEditable).toBe(true);

    const refused = await upload(executor, appeal.number, [{ filename: 'spravka.pdf', content: elfProgram }]);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');

    const added = await upload(executor, appeal.number, [
      { filename: 'spravka.pdf', content: pdf },
      { filename: 'xarita.png', content: tinyPng },
    ]);
    expect(added.statusCode, added.body).toBe(201);
    const [spravka, xarita] = attachmentListSchema.parse(added.json());
    expect(spravka).toMatchObject({ filename: 'spravka.pdf', mime: 'application/pdf' });
    const draftId = (await filesOf(head, appeal.number)).find((f) => f.id === spravka?.id)?.answerId;
    expect(draftId).toEqual(expect.any(Number));

    // Not yet approved: the applicant sees no answer and cannot fetch the file.
    const before = await t.request({
      method: 'POST',
      url: `/api/v1/appeals/track/files/${spravka?.id}`,
      payload: { number: appeal.number, accessCode: appeal.accessCode },
    });
    expect(before.statusCode).toBe(404);

    // The head returns the text; the new draft keeps the files; the executor drops the map.
    await act(head, appeal.number, { action: 'return_answer', comment: 'Qabul vaqtini yozing.' });
    const whileReturned = await upload(executor, appeal.number, [{ filename: 'b.png', content: tinyPng }]);
    expect(whileReturned.statusCode).toBe(409);
    await act(executor, appeal.number, { ...draft, body: `${draft.body} Qabul: dushanba, 10:00.` });
    const carried = await filesOf(executor, appeal.number);
    expect(carried.map((f) => f.filename).sort()).toEqual(['spravka.pdf', 'xarita.png']);
    expect(new Set(carried.map((f) => f.answerId)).size).toBe(1);
    expect(carried[0]?.answerId).not.toBe(draftId);
    const removed = await executor.request({
      method: 'DELETE',
      url: `/api/v1/appeals/${appeal.number}/answer-files/${xarita?.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await filesOf(executor, appeal.number)).map((f) => f.filename)).toEqual(['spravka.pdf']);

    expect((await act(head, appeal.number, { action: 'approve_answer' })).json().status).toBe('answered');
    const afterApproval = await executor.request({
      method: 'DELETE',
      url: `/api/v1/appeals/${appeal.number}/answer-files/${spravka?.id}`,
    });
    expect(afterApproval.statusCode).toBe(409);

    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number: appeal.number, accessCode: appeal.accessCode },
    });
    expect(tracked.json().answer.files).toEqual([
      { id: spravka?.id, filename: 'spravka.pdf', mime: 'application/pdf', size: pdf.length },
    ]);
    const download = await t.request({
      method: 'POST',
      url: `/api/v1/appeals/track/files/${spravka?.id}`,
      payload: { number: appeal.number, accessCode: appeal.accessCode },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const wrongCode = await t.request({
      method: 'POST',
      url: `/api/v1/appeals/track/files/${spravka?.id}`,
      payload: { number: appeal.number, accessCode: 'AAAAAAAA' },
    });
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongCode.json().error.code).toBe('APPEAL_NOT_FOUND');

    // The portal lists the file on the status page and hands it over with the pass cookie.
    const visitor = new PortalSession(t);
    await visitor.request({ method: 'POST', url: '/oz/track', payload: appeal });
    const status = await visitor.request({ method: 'GET', url: `/oz/track/${appeal.number}` });
    expect(status.body).toContain('Жавобга илова қилинган файллар');
    expect(status.body).toContain(`/oz/track/${appeal.number}/files/${spravka?.id}`);
    const fromPortal = await visitor.request({
      method: 'GET',
      url: `/oz/track/${appeal.number}/files/${spravka?.id}`,
    });
    expect(fromPortal.statusCode).toBe(200);
    expect(fromPortal.rawPayload.equals(pdf)).toBe(true);
    const stranger = new PortalSession(t);
    const noPass = await stranger.request({
      method: 'GET',
      url: `/oz/track/${appeal.number}/files/${spravka?.id}`,
    });
    expect(noPass.statusCode).toBe(303);

    const audit = await t.system.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', appeal.number)
      .where('action', 'in', ['answer.attach_files', 'answer.remove_file'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['answer.attach_files', 'answer.remove_file']);
  });

  it('are refused to roles that do not write answers and to staff outside the appeal’s scope', async () => {
    const appeal = await fileAppeal();
    const clerk = await t.staff('clerk-af2', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-af2', 'executor', 'IIV-1726266-INV');
    const outsider = await t.staff('exec-af2-andijan', 'executor', 'IIV-1703202-INV');
    await act(clerk, appeal.number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, appeal.number, { action: 'accept' });
    await act(executor, appeal.number, draft);
    const fromClerk = await upload(clerk, appeal.number, [{ filename: 'a.pdf', content: pdf }]);
    expect(fromClerk.statusCode).toBe(403);
    const fromOutsider = await upload(outsider, appeal.number, [{ filename: 'a.pdf', content: pdf }]);
    expect(fromOutsider.statusCode).toBe(404);
    const tooMany = await upload(
      executor,
      appeal.number,
      Array.from({ length: 6 }, (_, i) => ({ filename: `${i}.pdf`, content: pdf })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('TOO_MANY_ATTACHMENTS');
    const notMultipart = await executor.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/answer-files`,
      payload: { files: [] },
    });
    expect(notMultipart.statusCode).toBe(415);
    // Nothing refused was kept.
    expect(await filesOf(executor, appeal.number)).toEqual([]);
  });
});
