import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApplicantInput,
  appealInputSchema,
  rateInputSchema,
  type TrackedAppeal,
  trackInputSchema,
  verifyInputSchema,
} from '../contracts/appeal.schema.ts';
import { normalizeAppealNumber } from '../contracts/appeal-number.ts';
import { FIRST_DAY, LAST_DAY, monthSchema } from '../contracts/days.ts';
import { type CitizenLanguage, citizenLanguages, referenceLanguage } from '../contracts/enums.ts';
import { errorMessage, errorStatus } from '../contracts/errors.ts';
import { askInputSchema, handoffInputSchema } from '../contracts/knowledge.schema.ts';
import { limits } from '../contracts/limits.ts';
import { fieldMessage } from '../contracts/validation-messages.ts';
import { type OpenDataFile, type OpenStats, openStats } from '../server/analytics/open-statistics.ts';
import { toCsv, toJson } from '../server/analytics/open-stats.ts';
import { discardAttachments } from '../server/appeals/attachments.ts';
import { registerAppeal } from '../server/appeals/register-appeal.ts';
import { findOwnAppeal, ownApplicant, rateAnswer, trackAppeal } from '../server/appeals/track-appeal.ts';
import { openAnswerFile } from '../server/casework/answer-files.ts';
import type { AppContext } from '../server/context.ts';
import { startClock } from '../server/deadlines/legal-clock.ts';
import { AppError, FieldValidationError } from '../server/errors.ts';
import { requestCitizenLanguage } from '../server/http/errors.ts';
import type { AccessCodeGuard, RateLimits } from '../server/http/rate-limits.ts';
import { sendStoredFile } from '../server/http/send-file.ts';
import { askChatbot } from '../server/knowledge/ask-chatbot.ts';
import { handOffToPerson, recordChatFeedback } from '../server/knowledge/chat-handoff.ts';
import type { ReferenceSnapshot } from '../server/routing/reference-snapshot.ts';
import { verifyLetter } from '../server/templates/letter-verification.ts';
import { applicantLetter } from '../server/templates/print-answer-letter.ts';
import { type Assets, loadAssets } from './assets.ts';
import { type CategorySuggester, registrySuggester } from './category-suggester.ts';
import { appealFieldNames, parseWith, readForm, toAppealJson, valuesOf } from './form-input.ts';
import type { SafeHtml } from './html.ts';
import { messagesFor, tashkentDay } from './i18n/index.ts';
import {
  type AppealFormView,
  appealFormPage,
  type ComplaintTarget,
  type Pickers,
} from './pages/appeal-form.ts';
import { type AskView, askPage } from './pages/ask.ts';
import { askPanel } from './pages/ask-panel.ts';
import type { FormErrors, FormValues } from './pages/controls.ts';
import { homePage } from './pages/home.ts';
import { pageContext } from './pages/layout.ts';
import { messagePage } from './pages/message.ts';
import { openDataPage } from './pages/open-data.ts';
import { sentPage } from './pages/sent.ts';
import { statsPage } from './pages/stats.ts';
import { type RatingForm, statusPage, trackFormPage } from './pages/track.ts';
import { verifyPage } from './pages/verify.ts';
import { receiptPdf } from './pdf.ts';
import { clearPasses, csrfToken, csrfValid, grantPass, type Pass, passFor } from './security.ts';
import { statsView } from './stats-view.ts';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

interface Shared {
  ctx: AppContext;
  assets: Assets;
  guard: AccessCodeGuard;
  intakeLimit: Limiter | undefined;
  trackLimit: Limiter | undefined;
}

const hidden = { schema: { hide: true } };
const numberParams = z.object({ number: z.string().max(40) });
const fileParams = z.object({ id: z.uuid() });
const assetParams = z.object({ name: z.string().max(100) });
const appealFields = new Set<string>([...appealFieldNames, 'files', 'homepage']);
const trackFields = new Set(['number', 'accessCode']);
const rateFields = new Set(['rating', 'comment']);
const askFields = new Set(['question']);
const handoffFields = new Set(['question', 'contact']);
const askDone = z.object({ done: z.enum(['feedback', 'handoff']).optional() });
const feedbackForm = z.object({ askId: z.uuid(), helpful: z.enum(['yes', 'no']) });

// Pages that show an access code or an answer are never stored (shared phones); forms may be kept for the
// back button, which then also restores what was typed.
const formCache = 'private, no-cache';

function sendPage(reply: FastifyReply, page: SafeHtml, status = 200, cache = 'no-store'): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', cache)
    .send(page.value);
}

/** Counts the request against a limit; `isAllowed` means "on the allow list", so look at `isExceeded`. */
async function allowed(limit: Limiter | undefined, request: FastifyRequest): Promise<boolean> {
  if (!limit) return true;
  const result = await limit(request);
  return result.isAllowed || !result.isExceeded;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof AppError && error.code === code;
}

/** The territory and category pickers in one language, rebuilt only when the reference data changes. */
function pickersOf(): (reference: ReferenceSnapshot, lang: CitizenLanguage) => Pickers {
  const cache = new WeakMap<ReferenceSnapshot, Map<CitizenLanguage, Pickers>>();
  return (reference, lang) => {
    let byLanguage = cache.get(reference);
    if (!byLanguage) {
      byLanguage = new Map();
      cache.set(reference, byLanguage);
    }
    const found = byLanguage.get(lang);
    if (found) return found;
    const m = messagesFor(lang);
    const named = referenceLanguage(lang);
    const territories = [...reference.territories.values()].filter((t) => t.active);
    const pickers: Pickers = {
      territories: [
        { value: '', label: m.form.territoryNone },
        ...territories
          .filter((t) => t.parentCode === null)
          .map((region) => ({
            group: region.names[named],
            options: [
              { value: region.code, label: m.form.wholeRegion(region.names[named]) },
              ...territories
                .filter((t) => t.parentCode === region.code)
                .map((t) => ({ value: t.code, label: t.names[named] })),
            ],
          })),
      ],
      categories: [
        { value: '', label: m.form.categoryNone },
        ...[...reference.categories.values()]
          .filter((c) => c.active)
          .map((c) => ({ value: c.code, label: c.names[named] })),
      ],
    };
    byLanguage.set(lang, pickers);
    return pickers;
  };
}

const suggestionInput = z.object({
  text: z.string().max(limits.textMaxChars),
  language: z.enum(citizenLanguages).optional(),
});
const suggestionOutput = z.object({
  available: z.boolean(),
  suggestions: z.array(
    z.object({ code: z.string(), name: z.string(), description: z.string(), confidence: z.number() }),
  ),
});

/** The public endpoint behind the form's category hint; the text is read, never stored or logged. */
function suggestionRoutes(ctx: AppContext, suggester: CategorySuggester, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/category-suggestions',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['portal'],
          summary: 'Categories that fit an appeal text, for the form’s hint (nothing is stored)',
          body: suggestionInput,
          response: { 200: suggestionOutput },
        },
      },
      async (request) => {
        const language = request.body.language ?? requestCitizenLanguage(request);
        const guesses = await suggester.suggest(request.body.text);
        const categories = ctx.reference().categories;
        return {
          available: guesses !== null,
          suggestions: (guesses ?? []).flatMap((guess) => {
            const category = categories.get(guess.code);
            if (!category?.active) return [];
            return [
              {
                code: category.code,
                name: category.names[referenceLanguage(language)],
                description: category.descriptions[referenceLanguage(language)],
                confidence: guess.confidence,
              },
            ];
          }),
        };
      },
    );
  };
}

/** The pages of one interface language, mounted under `/{lang}`. */
function pagesFor(lang: CitizenLanguage, shared: Shared) {
  const { ctx, assets, guard } = shared;
  const m = messagesFor(lang);
  const protector = ctx.protector;
  const pickers = pickersOf();
  const page = (path: string) => pageContext(lang, assets.urls, path);
  const now = () => ctx.clock.now().getTime();
  const toTrack = (reply: FastifyReply, number: string) =>
    reply.redirect(`/${lang}/track?number=${encodeURIComponent(number)}&again=1`, 303);
  const numberOf = (params: unknown): string | undefined => {
    const parsed = numberParams.safeParse(params);
    return parsed.success ? (normalizeAppealNumber(parsed.data.number) ?? undefined) : undefined;
  };
  const fileIdOf = (params: unknown): string | undefined => {
    const parsed = fileParams.safeParse(params);
    return parsed.success ? parsed.data.id : undefined;
  };
  const notFound = (reply: FastifyReply, path: string) =>
    sendPage(reply, messagePage(page(path), m.pages.notFoundTitle, m.pages.notFoundText), 404);

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<AppealFormView, 'csrf' | 'pickers'>,
    status = 200,
  ) => {
    const complaint = view.complaint;
    const path = complaint ? `/appeal?complaint=${complaint.number}` : '/appeal';
    return sendPage(
      reply,
      appealFormPage(page(path), {
        ...view,
        csrf: csrfToken(protector, request, reply),
        pickers: pickers(ctx.reference(), lang),
      }),
      status,
      // A complaint form carries the original's access code in a hidden field.
      complaint ? 'no-store' : formCache,
    );
  };

  const applicantName = (applicant: ApplicantInput): string =>
    applicant.kind === 'legal_entity'
      ? applicant.organization
      : applicant.kind === 'individual'
        ? `${applicant.lastName} ${applicant.firstName}`
        : '';

  const complaintOf = (values: FormValues): ComplaintTarget | undefined => {
    const number = values['relatedTo.number'];
    const accessCode = values['relatedTo.accessCode'];
    return number && accessCode ? { number, accessCode } : undefined;
  };

  const renderStatus = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tracked: TrackedAppeal,
    rating: Omit<RatingForm, 'csrf'> = { values: {}, errors: new Map() },
    status = 200,
  ) =>
    sendPage(
      reply,
      statusPage(
        page(`/track/${tracked.number}`),
        tracked,
        { ...rating, csrf: csrfToken(protector, request, reply) },
        ctx.channels.get('telegram')?.publicAddress?.(),
      ),
      status,
    );

  const passOrNothing = (request: FastifyRequest, number: string): Pass | undefined =>
    passFor(protector, request, number, now());

  return async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const status =
        error instanceof AppError
          ? errorStatus(error.code)
          : 'statusCode' in error && typeof error.statusCode === 'number'
            ? error.statusCode
            : 500;
      const path = request.url.slice(lang.length + 1).split('?')[0] || '/';
      if (status === 429 || isCode(error, 'RATE_LIMITED'))
        return sendPage(reply, messagePage(page(path), m.pages.tooManyTitle, m.pages.tooManyText), 429);
      if (status >= 400 && status < 500)
        return sendPage(reply, messagePage(page(path), m.pages.errorTitle, m.pages.errorText), status);
      request.log.error({ err: error }, 'portal page failed');
      return sendPage(reply, messagePage(page(path), m.pages.errorTitle, m.pages.errorText), 500);
    });
    app.setNotFoundHandler((request, reply) =>
      notFound(reply, request.url.slice(lang.length + 1).split('?')[0] || '/'),
    );

    app.get('/', hidden, (_request, reply) =>
      sendPage(reply, homePage(page('/')), 200, 'public, max-age=300'),
    );

    // Drawn once per rebuild of the rollup: the page is the same for everyone.
    const statsPages = new WeakMap<OpenStats, SafeHtml>();
    app.get('/stats', hidden, async (_request, reply) => {
      const stats = await openStats(ctx);
      let rendered = statsPages.get(stats);
      if (!rendered) {
        rendered = statsPage(page('/stats'), statsView(stats, ctx.reference(), lang));
        statsPages.set(stats, rendered);
      }
      return sendPage(reply, rendered, 200, 'public, max-age=300');
    });

    app.get('/open-data', hidden, async (_request, reply) => {
      const stats = await openStats(ctx);
      return sendPage(
        reply,
        openDataPage(page('/open-data'), stats.currentMonth),
        200,
        'public, max-age=300',
      );
    });

    app.get('/appeal', hidden, async (request, reply) => {
      const query = z
        .object({ complaint: z.string().max(40).optional(), details: z.literal('new').optional() })
        .safeParse(request.query);
      const typed = query.success ? query.data.complaint : undefined;
      const target = typed === undefined ? undefined : (normalizeAppealNumber(typed) ?? typed.toUpperCase());
      let complaint: ComplaintTarget | undefined;
      if (target) {
        const pass = passOrNothing(request, target);
        if (!pass) return toTrack(reply, target);
        // Someone who proved the number and code continues as that appeal's applicant, unless they ask
        // to give other details.
        const original = query.success && query.data.details === 'new' ? null : await ownApplicant(ctx, pass);
        complaint = { ...pass, continuingAs: original ? applicantName(original) : undefined };
      }
      return renderForm(request, reply, {
        values: { type: complaint ? 'shikoyat' : 'ariza', 'applicant.kind': 'individual' },
        errors: new Map(),
        complaint,
      });
    });

    app.post('/appeal', hidden, async (request, reply) => {
      const open = await allowed(shared.intakeLimit, request);
      const form = await readForm(request, ctx.files, open);
      const { values } = form;
      const complaint = complaintOf(values);
      const back = async (errors: FormErrors, status: number) => {
        await discardAttachments(ctx.files, form.files);
        return renderForm(
          request,
          reply,
          { values, errors, complaint, filesDropped: form.filesChosen },
          status,
        );
      };
      const only = (message: string): FormErrors => new Map([['_form', message]]);
      if (!open) return back(only(m.form.rateLimited), 429);
      if (!csrfValid(protector, request, values._csrf)) return back(only(m.form.csrfExpired), 403);
      if (values.homepage) return back(new Map([['homepage', m.form.honeypotFilled]]), 400);
      const json = toAppealJson(values);
      if (complaint && values['applicant.from'] === 'original') {
        // The applicant is the original appeal's, read again here with its code (never from the form).
        const original = await guard
          .run(request, () => ownApplicant(ctx, complaint))
          .catch((error: unknown) => (isCode(error, 'APPEAL_NOT_FOUND') ? null : Promise.reject(error)));
        if (!original) return back(only(m.form.relatedInvalid), 400);
        complaint.continuingAs = applicantName(original);
        json.applicant = original;
      }
      const parsed = parseWith(appealInputSchema, json, lang, appealFields, (path) =>
        path.startsWith('relatedTo') ? m.form.relatedInvalid : undefined,
      );
      const errors: FormErrors = parsed.ok ? new Map() : parsed.errors;
      if (form.fileError) errors.set('files', errorMessage(form.fileError, lang));
      if (!parsed.ok || errors.size > 0) return back(errors, 400);
      try {
        const register = () => registerAppeal({ ctx, input: parsed.data, attachments: form.files });
        // A complaint to a higher unit checks the original appeal's access code.
        const registered = await (parsed.data.relatedTo ? guard.run(request, register) : register());
        grantPass(protector, request, reply, registered, now());
        return reply.redirect(`/${lang}/appeal/sent/${registered.number}`, 303);
      } catch (error) {
        if (error instanceof FieldValidationError) {
          const problems: FormErrors = new Map();
          for (const p of error.problems) {
            const field = appealFields.has(p.path) ? p.path : '_form';
            const message = p.path.startsWith('relatedTo')
              ? m.form.relatedInvalid
              : fieldMessage(p.key, lang);
            if (!problems.has(field)) problems.set(field, message);
          }
          return back(problems, 400);
        }
        if (isCode(error, 'RATE_LIMITED')) return back(only(m.form.rateLimited), 429);
        await discardAttachments(ctx.files, form.files);
        throw error;
      }
    });

    app.get('/appeal/sent/:number', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      if (!number) return notFound(reply, '/appeal');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      const tracked = await trackAppeal(ctx, pass, lang);
      const ref = ctx.reference();
      const clock = startClock({
        type: tracked.type,
        receivedAt: new Date(tracked.receivedAt),
        calendar: ref.calendar,
        settings: ref.clockSettings,
      });
      return sendPage(
        reply,
        sentPage(page(`/appeal/sent/${number}`), {
          number,
          accessCode: pass.accessCode,
          type: tracked.type,
          status: tracked.status,
          receivedAt: tracked.receivedAt,
          dueOn: tashkentDay(tracked.dueAt),
          handoverDueOn: clock.handoverDueOn,
          forwardDueOn: clock.forwardDueOn,
          proposalNoticeDueOn: clock.proposalNoticeDueOn,
        }),
      );
    });

    app.get('/track', hidden, (request, reply) => {
      const query = z
        .object({ number: z.string().max(40).optional(), again: z.string().max(2).optional() })
        .safeParse(request.query);
      const values: FormValues = { number: query.success ? (query.data.number ?? '') : '' };
      return sendPage(
        reply,
        trackFormPage(page('/track'), {
          values,
          errors: new Map(),
          again: query.success && query.data.again === '1',
        }),
        200,
        formCache,
      );
    });

    app.post('/track', hidden, async (request, reply) => {
      const values = valuesOf(request.body);
      const back = (errors: FormErrors, status: number) =>
        sendPage(reply, trackFormPage(page('/track'), { values, errors }), status);
      if (!(await allowed(shared.trackLimit, request)))
        return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
      const parsed = parseWith(trackInputSchema, values, lang, trackFields);
      if (!parsed.ok) return back(parsed.errors, 400);
      try {
        const appeal = await guard.run(request, () => findOwnAppeal(ctx, parsed.data));
        grantPass(
          protector,
          request,
          reply,
          { number: appeal.number, accessCode: parsed.data.accessCode },
          now(),
        );
        return reply.redirect(`/${lang}/track/${appeal.number}`, 303);
      } catch (error) {
        if (isCode(error, 'APPEAL_NOT_FOUND'))
          return back(new Map([['_form', errorMessage('APPEAL_NOT_FOUND', lang)]]), 404);
        if (isCode(error, 'RATE_LIMITED'))
          return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
        throw error;
      }
    });

    app.get('/track/:number', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      if (!number) return notFound(reply, '/track');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      return renderStatus(request, reply, await trackAppeal(ctx, pass, lang));
    });

    app.post('/track/:number/rate', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      if (!number) return notFound(reply, '/track');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      const values = valuesOf(request.body);
      const back = async (errors: FormErrors, status: number) =>
        renderStatus(request, reply, await trackAppeal(ctx, pass, lang), { values, errors }, status);
      if (!(await allowed(shared.trackLimit, request)))
        return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
      if (!csrfValid(protector, request, values._csrf))
        return back(new Map([['_form', errorMessage('CSRF_TOKEN_INVALID', lang)]]), 403);
      const parsed = parseWith(rateInputSchema, { ...values, ...pass }, lang, rateFields);
      if (!parsed.ok) return back(parsed.errors, 400);
      try {
        await guard.run(request, () => rateAnswer(ctx, parsed.data));
      } catch (error) {
        if (isCode(error, 'RATING_NOT_ALLOWED'))
          return back(new Map([['_form', errorMessage('RATING_NOT_ALLOWED', lang)]]), 409);
        throw error;
      }
      return reply.redirect(`/${lang}/track/${number}`, 303);
    });

    app.get('/track/:number/receipt.pdf', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      if (!number) return notFound(reply, '/track');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      const appeal = await trackAppeal(ctx, pass, lang);
      const base = (ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
      const pdf = await receiptPdf({
        language: lang,
        appeal,
        accessCode: pass.accessCode,
        trackUrl: `${base}/${lang}/track?number=${number}`,
        issuedAt: ctx.clock.now(),
      });
      return sendPdf(reply, pdf, `${number}.pdf`);
    });

    app.get('/track/:number/answer.pdf', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      if (!number) return notFound(reply, '/track');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      // The formal letter staff print, addressed to the applicant, with its verification code.
      const letter = await applicantLetter(ctx, pass);
      if (!letter) return notFound(reply, `/track/${number}`);
      return sendPdf(reply, letter.pdf, letter.filename);
    });

    app.get('/track/:number/files/:id', hidden, async (request, reply) => {
      const number = numberOf(request.params);
      const id = fileIdOf(request.params);
      if (!number || !id) return notFound(reply, '/track');
      const pass = passOrNothing(request, number);
      if (!pass) return toTrack(reply, number);
      try {
        const file = await guard.run(request, () => openAnswerFile(ctx, pass, id));
        return sendStoredFile(reply, file, 'attachment');
      } catch (error) {
        if (isCode(error, 'NOT_FOUND')) return notFound(reply, `/track/${number}`);
        throw error;
      }
    });

    const verifyFields = new Set(['number', 'code']);
    const checkLetter = async (request: FastifyRequest, reply: FastifyReply, values: FormValues) => {
      const back = (errors: FormErrors, status: number) =>
        sendPage(reply, verifyPage(page('/verify'), { values, errors }), status);
      const parsed = parseWith(verifyInputSchema, values, lang, verifyFields);
      if (!parsed.ok) return back(parsed.errors, 400);
      if (!(await allowed(shared.trackLimit, request)))
        return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
      try {
        const letter = await guard.run(request, () => verifyLetter(ctx, parsed.data, lang));
        return sendPage(reply, verifyPage(page('/verify'), { values, errors: new Map(), letter }), 200);
      } catch (error) {
        if (isCode(error, 'APPEAL_NOT_FOUND')) return back(new Map([['_form', m.verify.notFound]]), 404);
        if (isCode(error, 'RATE_LIMITED'))
          return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
        throw error;
      }
    };

    const renderAsk = (
      request: FastifyRequest,
      reply: FastifyReply,
      view: Omit<AskView, 'csrf'>,
      status = 200,
    ) =>
      sendPage(reply, askPage(page('/ask'), { ...view, csrf: csrfToken(protector, request, reply) }), status);

    // The chatbot's page. Questions go up by POST: a question may name people, and URLs end up in logs.
    app.get('/ask', hidden, (request, reply) => {
      const query = askDone.safeParse(request.query);
      const done = query.success ? query.data.done : undefined;
      return renderAsk(request, reply, { values: {}, errors: new Map(), done });
    });

    // The chat widget's panel, fetched by its script when a person opens it on any page.
    app.get('/ask/panel', hidden, (_request, reply) =>
      sendPage(reply, askPanel(page('/ask')), 200, 'public, max-age=300'),
    );

    app.post('/ask', hidden, async (request, reply) => {
      const values = valuesOf(request.body);
      const back = (errors: FormErrors, status: number) =>
        renderAsk(request, reply, { values, errors }, status);
      if (!(await allowed(shared.trackLimit, request)))
        return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
      if (!csrfValid(protector, request, values._csrf))
        return back(new Map([['_form', errorMessage('CSRF_TOKEN_INVALID', lang)]]), 403);
      const parsed = parseWith(askInputSchema, { question: values.question ?? '' }, lang, askFields);
      if (!parsed.ok) return back(parsed.errors, 400);
      const answer = await askChatbot({
        ctx,
        question: parsed.data.question,
        language: lang,
        channel: 'portal',
      });
      return renderAsk(request, reply, {
        values,
        errors: new Map(),
        result: { question: parsed.data.question, answer },
      });
    });

    app.post('/ask/feedback', hidden, async (request, reply) => {
      const values = valuesOf(request.body);
      const back = (code: 'RATE_LIMITED' | 'CSRF_TOKEN_INVALID' | 'ASK_NOT_FOUND', status: number) =>
        renderAsk(
          request,
          reply,
          { values: {}, errors: new Map([['_form', errorMessage(code, lang)]]) },
          status,
        );
      if (!(await allowed(shared.trackLimit, request))) return back('RATE_LIMITED', 429);
      if (!csrfValid(protector, request, values._csrf)) return back('CSRF_TOKEN_INVALID', 403);
      const parsed = feedbackForm.safeParse(values);
      if (!parsed.success) return back('ASK_NOT_FOUND', 400);
      try {
        await recordChatFeedback({ ctx, askId: parsed.data.askId, helpful: parsed.data.helpful === 'yes' });
      } catch (error) {
        if (isCode(error, 'ASK_NOT_FOUND')) return back('ASK_NOT_FOUND', 404);
        throw error;
      }
      return reply.redirect(`/${lang}/ask?done=feedback`, 303);
    });

    app.post('/ask/handoff', hidden, async (request, reply) => {
      const values = valuesOf(request.body);
      const askId = z.uuid().safeParse(values.askId);
      if (!askId.success)
        return renderAsk(
          request,
          reply,
          { values: {}, errors: new Map([['_form', errorMessage('ASK_NOT_FOUND', lang)]]) },
          400,
        );
      const back = (errors: FormErrors, status: number) =>
        renderAsk(
          request,
          reply,
          { values: {}, errors: new Map(), handoff: { askId: askId.data, values, errors } },
          status,
        );
      if (!(await allowed(shared.intakeLimit, request)))
        return back(new Map([['_form', errorMessage('RATE_LIMITED', lang)]]), 429);
      if (!csrfValid(protector, request, values._csrf))
        return back(new Map([['_form', errorMessage('CSRF_TOKEN_INVALID', lang)]]), 403);
      // The form names its question `message` (the page's own question form has `question`).
      const parsed = parseWith(
        handoffInputSchema,
        { askId: askId.data, question: values.message ?? '', contact: values.contact },
        lang,
        handoffFields,
      );
      if (!parsed.ok) {
        const errors: FormErrors = new Map(
          [...parsed.errors].map(([name, message]) => [name === 'question' ? 'message' : name, message]),
        );
        return back(errors, 400);
      }
      try {
        await handOffToPerson({ ctx, input: parsed.data });
      } catch (error) {
        if (isCode(error, 'ASK_NOT_FOUND'))
          return back(new Map([['_form', errorMessage('ASK_NOT_FOUND', lang)]]), 404);
        throw error;
      }
      return reply.redirect(`/${lang}/ask?done=handoff`, 303);
    });

    // A QR code on the letter opens this page with both filled in; a person types them into the form.
    app.get('/verify', hidden, async (request, reply) => {
      const query = z
        .object({ number: z.string().max(40).optional(), code: z.string().max(20).optional() })
        .safeParse(request.query);
      const values: FormValues = query.success
        ? { number: query.data.number ?? '', code: query.data.code ?? '' }
        : {};
      if (values.number && values.code) return checkLetter(request, reply, values);
      return sendPage(reply, verifyPage(page('/verify'), { values, errors: new Map() }), 200, formCache);
    });

    app.post('/verify', hidden, (request, reply) => checkLetter(request, reply, valuesOf(request.body)));

    app.post('/forget', hidden, (request, reply) => {
      clearPasses(request, reply);
      return reply.redirect(`/${lang}/`, 303);
    });
  };
}

function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

const openDataQuery = z.object({ month: monthSchema.optional() });

/**
 * The open data (docs/open-data.md): the monthly statistics as CSV and JSON, small cells suppressed, and
 * `/open-data/`, the index with the licence and the schema in the reader's language.
 */
function openDataRoutes(ctx: AppContext, assets: Assets) {
  return async (app: FastifyInstance) => {
    const monthOf = (request: FastifyRequest, reply: FastifyReply): string | null | undefined => {
      const query = openDataQuery.safeParse(request.query);
      if (query.success) return query.data.month ?? null;
      reply
        .status(400)
        .type('text/plain; charset=utf-8')
        .send(`month must be YYYY-MM, from ${FIRST_DAY.slice(0, 7)} to ${LAST_DAY.slice(0, 7)}`);
      return undefined;
    };
    const openHeaders = (reply: FastifyReply) =>
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    app.get('/open-data', hidden, (_request, reply) => reply.redirect('/open-data/', 301));
    app.get('/open-data/', hidden, async (request, reply) => {
      const lang = requestCitizenLanguage(request);
      const stats = await openStats(ctx);
      return sendPage(
        reply.header('vary', 'accept-language'),
        openDataPage(pageContext(lang, assets.urls, '/open-data'), stats.currentMonth),
        200,
        'public, max-age=300',
      );
    });
    // A whole file goes out as it was compressed at the rebuild; one month is small enough to make per request.
    const sendFile = (
      request: FastifyRequest,
      reply: FastifyReply,
      type: string,
      file: OpenDataFile | string,
    ) => {
      openHeaders(reply).type(type).header('vary', 'accept-encoding');
      if (typeof file === 'string') return reply.send(file);
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
        return reply.header('content-encoding', 'gzip').send(file.gzip);
      return reply.send(file.body);
    };
    app.get('/open-data/appeals-monthly.csv', hidden, async (request, reply) => {
      const month = monthOf(request, reply);
      if (month === undefined) return reply;
      const stats = await openStats(ctx);
      reply.header(
        'content-disposition',
        `inline; filename="appeals-monthly${month ? `-${month}` : ''}.csv"`,
      );
      return sendFile(
        request,
        reply,
        'text/csv; charset=utf-8; header=present',
        month === null ? await stats.csv() : toCsv(stats.rows.filter((r) => r.month === month)),
      );
    });
    app.get('/open-data/appeals-monthly.json', hidden, async (request, reply) => {
      const month = monthOf(request, reply);
      if (month === undefined) return reply;
      const stats = await openStats(ctx);
      return sendFile(
        request,
        reply,
        'application/json; charset=utf-8',
        month === null
          ? await stats.json()
          : toJson(
              stats.rows.filter((r) => r.month === month),
              stats.refreshedAt,
            ),
      );
    });
  };
}

/**
 * The citizen portal: server-rendered pages in four languages under `/uz/`, `/oz/`, `/ru/`, `/en/` that
 * work without JavaScript, their static assets, and the category-hint endpoint. `/` picks the language.
 */
export function portalRoutes(ctx: AppContext, rateLimits: RateLimits, guard: AccessCodeGuard) {
  return async (app: FastifyInstance) => {
    const assets = loadAssets();
    const suggester = registrySuggester(ctx.models, (message) => ctx.log.warn(message));
    const shared: Shared = {
      ctx,
      assets,
      guard,
      intakeLimit: rateLimits.intake ? app.createRateLimit(rateLimits.intake) : undefined,
      trackLimit: rateLimits.track ? app.createRateLimit(rateLimits.track) : undefined,
    };

    app.get('/', hidden, (request, reply) =>
      reply
        .header('vary', 'accept-language')
        .header('cache-control', 'no-store')
        .redirect(`/${requestCitizenLanguage(request)}/`, 302),
    );
    app.get('/assets/:name', hidden, (request, reply) => {
      const params = assetParams.safeParse(request.params);
      const sent = params.success ? assets.send(params.data.name, request, reply) : undefined;
      return sent ?? reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    });
    await app.register(suggestionRoutes(ctx, suggester, rateLimits));
    await app.register(openDataRoutes(ctx, assets));
    for (const lang of citizenLanguages) await app.register(pagesFor(lang, shared), { prefix: `/${lang}` });
  };
}
