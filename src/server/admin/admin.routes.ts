import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminCategorySchema,
  adminTerritorySchema,
  adminUnitSchema,
  adminUserSchema,
  calendarDayInputSchema,
  calendarDaySchema,
  categoryCreateInputSchema,
  categoryUpdateInputSchema,
  identityLinkInputSchema,
  oneTimePasswordSchema,
  routingRuleInputSchema,
  routingRuleSchema,
  routingTestInputSchema,
  routingTestResultSchema,
  staffIdentitySchema,
  territoryCreateInputSchema,
  territoryUpdateInputSchema,
  unitCreateInputSchema,
  unitUpdateInputSchema,
  userUpdateInputSchema,
  weekendSchema,
} from '../../contracts/admin.schema.ts';
import { daySchema } from '../../contracts/days.ts';
import type { AppContext } from '../context.ts';
import { clockSettingsSchema } from '../deadlines/legal-clock.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { linkStaffIdentity, listStaffIdentities, removeStaffIdentity } from './manage-identities.ts';
import {
  changeCategory,
  changeClockSettings,
  changeTerritory,
  changeUnit,
  clockSettings,
  createCategory,
  createTerritory,
  createUnit,
  listCalendar,
  listCategories,
  listRules,
  listTerritories,
  listUnits,
  removeCalendarDay,
  saveRule,
  setCalendarDay,
  testRule,
} from './manage-reference.ts';
import { listStaff, resetPassword, resetSecondFactor, updateStaff } from './manage-staff.ts';

const loginParams = z.object({ login: z.string().trim().toLowerCase().min(1).max(60) });
const codeParams = z.object({ code: z.string().trim().min(1).max(60) });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const dayParams = z.object({ day: daySchema });
const noContent = { 204: z.null() };
const clockViewSchema = z.object({ clock: clockSettingsSchema, weekend: weekendSchema });

/** Administration: staff accounts, units, territories, categories, routing rules, calendar and clock. */
export function adminRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    // ---- Staff ----
    api.get(
      '/api/v1/admin/users',
      { schema: { tags, summary: 'Staff accounts', response: { 200: z.array(adminUserSchema) } } },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listStaff(ctx, user, requestLanguage(request));
      },
    );
    api.patch(
      '/api/v1/admin/users/:login',
      {
        schema: {
          tags,
          summary: 'Change an account: name, role, unit scope, deactivate (ends its sessions)',
          params: loginParams,
          body: userUpdateInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await updateStaff(ctx, user, request.params.login, request.body);
        return reply.status(204).send(null);
      },
    );
    api.post(
      '/api/v1/admin/users/:login/reset-totp',
      {
        schema: {
          tags,
          summary: 'Clear the account’s TOTP: it enrols again at next sign-in',
          params: loginParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await resetSecondFactor(ctx, user, request.params.login);
        return reply.status(204).send(null);
      },
    );
    api.post(
      '/api/v1/admin/users/:login/reset-password',
      {
        schema: {
          tags,
          summary: 'Issue a new one-time password (shown once) and unlock the account',
          params: loginParams,
          response: { 200: oneTimePasswordSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return resetPassword(ctx, user, request.params.login);
      },
    );

    // ---- Single sign-on identities ----
    api.get(
      '/api/v1/admin/identities',
      {
        schema: {
          tags,
          summary: 'People the ministry’s sign-on provider vouched for, and the accounts they sign in as',
          response: { 200: z.array(staffIdentitySchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listStaffIdentities(ctx, user);
      },
    );
    api.put(
      '/api/v1/admin/identities/:id',
      {
        schema: {
          tags,
          summary: 'Match an identity to a staff account (its unit and role): it signs in as that account',
          params: idParams,
          body: identityLinkInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await linkStaffIdentity(ctx, user, request.params.id, request.body.login);
        return reply.status(204).send(null);
      },
    );
    api.delete(
      '/api/v1/admin/identities/:id',
      {
        schema: {
          tags,
          summary: 'Undo a match (ends its sessions), or forget an identity never matched',
          params: idParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await removeStaffIdentity(ctx, user, request.params.id);
        return reply.status(204).send(null);
      },
    );

    // ---- Units ----
    api.get(
      '/api/v1/admin/units',
      {
        schema: {
          tags,
          summary: 'The whole unit tree with requisites',
          response: { 200: z.array(adminUnitSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listUnits(ctx, user);
      },
    );
    api.post(
      '/api/v1/admin/units',
      { schema: { tags, summary: 'Add a unit', body: unitCreateInputSchema, response: { 201: z.null() } } },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await createUnit(ctx, user, request.body);
        return reply.status(201).send(null);
      },
    );
    api.patch(
      '/api/v1/admin/units/:code',
      {
        schema: {
          tags,
          summary: 'Rename, (de)activate a unit or set its letterhead requisites',
          params: codeParams,
          body: unitUpdateInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await changeUnit(ctx, user, request.params.code, request.body);
        return reply.status(204).send(null);
      },
    );

    // ---- Territories ----
    api.get(
      '/api/v1/admin/territories',
      { schema: { tags, summary: 'Territories', response: { 200: z.array(adminTerritorySchema) } } },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listTerritories(ctx, user);
      },
    );
    api.post(
      '/api/v1/admin/territories',
      {
        schema: {
          tags,
          summary: 'Add a territory',
          body: territoryCreateInputSchema,
          response: { 201: z.null() },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await createTerritory(ctx, user, request.body);
        return reply.status(201).send(null);
      },
    );
    api.patch(
      '/api/v1/admin/territories/:code',
      {
        schema: {
          tags,
          summary: 'Change a territory',
          params: codeParams,
          body: territoryUpdateInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await changeTerritory(ctx, user, request.params.code, request.body);
        return reply.status(204).send(null);
      },
    );

    // ---- Categories ----
    api.get(
      '/api/v1/admin/categories',
      { schema: { tags, summary: 'Categories', response: { 200: z.array(adminCategorySchema) } } },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listCategories(ctx, user);
      },
    );
    api.post(
      '/api/v1/admin/categories',
      {
        schema: {
          tags,
          summary: 'Add a category',
          body: categoryCreateInputSchema,
          response: { 201: z.null() },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await createCategory(ctx, user, request.body);
        return reply.status(201).send(null);
      },
    );
    api.patch(
      '/api/v1/admin/categories/:code',
      {
        schema: {
          tags,
          summary: 'Change a category',
          params: codeParams,
          body: categoryUpdateInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await changeCategory(ctx, user, request.params.code, request.body);
        return reply.status(204).send(null);
      },
    );

    // ---- Routing rules ----
    api.get(
      '/api/v1/admin/routing-rules',
      { schema: { tags, summary: 'Routing rules', response: { 200: z.array(routingRuleSchema) } } },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listRules(ctx, user);
      },
    );
    api.post(
      '/api/v1/admin/routing-rules',
      {
        schema: {
          tags,
          summary: 'Add a routing rule',
          body: routingRuleInputSchema,
          response: { 201: z.object({ id: z.number() }) },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        return reply.status(201).send(await saveRule(ctx, user, request.body));
      },
    );
    api.put(
      '/api/v1/admin/routing-rules/:id',
      {
        schema: {
          tags,
          summary: 'Replace a routing rule',
          params: idParams,
          body: routingRuleInputSchema,
          response: { 200: z.object({ id: z.number() }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return saveRule(ctx, user, request.body, request.params.id);
      },
    );
    api.post(
      '/api/v1/admin/routing-rules/test',
      {
        schema: {
          tags,
          summary:
            'Where an appeal of a category and territory would go (optionally with a rule not yet saved)',
          body: routingTestInputSchema,
          response: { 200: routingTestResultSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return testRule(ctx, user, request.body, requestLanguage(request));
      },
    );

    // ---- Calendar and clock ----
    api.get(
      '/api/v1/admin/calendar',
      {
        schema: {
          tags,
          summary: 'Holidays, days off and transferred working days of a year',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.array(calendarDaySchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listCalendar(ctx, user, request.query.year);
      },
    );
    api.put(
      '/api/v1/admin/calendar/:day',
      {
        schema: {
          tags,
          summary: 'Set a day of the calendar',
          params: dayParams,
          body: calendarDayInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await setCalendarDay(ctx, user, request.params.day, request.body);
        return reply.status(204).send(null);
      },
    );
    api.delete(
      '/api/v1/admin/calendar/:day',
      { schema: { tags, summary: 'Remove a day from the calendar', params: dayParams, response: noContent } },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await removeCalendarDay(ctx, user, request.params.day);
        return reply.status(204).send(null);
      },
    );
    api.get(
      '/api/v1/admin/clock',
      {
        schema: {
          tags,
          summary: 'The legal clock’s settings and the weekend',
          response: { 200: clockViewSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return clockSettings(ctx, user);
      },
    );
    api.put(
      '/api/v1/admin/clock',
      {
        schema: {
          tags,
          summary: 'Change the legal clock’s settings (they apply to clocks started or changed from now on)',
          body: clockViewSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await changeClockSettings(ctx, user, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
