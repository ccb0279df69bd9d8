import type { AnswerLanguage, Role } from '../../contracts/enums.ts';
import type { AnswerTemplate, AnswerTemplateInput } from '../../contracts/templates.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { findTemplates, insertTemplate, updateTemplate } from './templates.repository.ts';

const writers: readonly Role[] = ['clerk', 'executor', 'head', 'internal_security', 'admin'];

/** Templates an answer's author may start from; administrators may also list inactive ones. */
export async function listTemplates(
  ctx: AppContext,
  user: StaffUser,
  query: { category?: string | undefined; language?: AnswerLanguage | undefined; all: boolean },
): Promise<AnswerTemplate[]> {
  if (!writers.includes(user.role)) throw new AppError('FORBIDDEN');
  if (query.all && user.role !== 'admin') throw new AppError('FORBIDDEN');
  const rows = await findTemplates(ctx.db, query);
  return rows.map((r) => ({
    id: r.id,
    category: r.category_code,
    language: r.language,
    outcome: r.outcome,
    title: r.title,
    body: r.body,
    active: r.active,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** An administrator adds a template (or, with `id`, replaces one); the change is audited. */
export async function saveTemplate(options: {
  ctx: AppContext;
  user: StaffUser;
  id?: number;
  input: AnswerTemplateInput;
}): Promise<{ id: number }> {
  const { ctx, user, input } = options;
  if (user.role !== 'admin') throw new AppError('FORBIDDEN');
  if (input.category !== null && !ctx.reference().categories.has(input.category))
    throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    let id = options.id;
    if (id === undefined) id = await insertTemplate(tx, input, user.id, now);
    else if (!(await updateTemplate(tx, id, input, user.id, now))) throw new AppError('NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: options.id === undefined ? 'template.create' : 'template.update',
        targetType: 'answer_template',
        targetId: String(id),
        data: { category: input.category, language: input.language, active: input.active },
        at: now,
      },
    ]);
    return { id };
  });
}
