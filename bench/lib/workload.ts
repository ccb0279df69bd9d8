import type { SeedAppeal, SeedReference } from '../../src/server/seed/generate-appeals.ts';
import { generateAppeals } from '../../src/server/seed/generate-appeals.ts';

/** Request bodies of POST /api/v1/appeals, made by the seed generator (a seed no database uses). */
export function intakeBodies(ref: SeedReference, count: number): string[] {
  const bodies: string[] = [];
  const generated = generateAppeals(ref, {
    appeals: count,
    seed: 99_991,
    years: 1,
    until: new Date(),
    firstId: 1,
    lastSeq: new Map(),
  });
  for (const appeal of generated) bodies.push(JSON.stringify(toInput(appeal)));
  return bodies;
}

function toInput(appeal: SeedAppeal) {
  return {
    type: appeal.type,
    applicant: appeal.applicant ?? { kind: 'anonymous' },
    text: appeal.text,
    territory: appeal.territoryCode ?? undefined,
    category: appeal.categoryCode ?? undefined,
    answerLanguage: appeal.answerLanguage,
    consent: true,
  };
}

export interface SearchCase {
  who: 'clerk' | 'head';
  label: string;
  query: Record<string, string>;
}

/** Staff searches with filters, in both scripts; a Latin query must find appeals written in Cyrillic. */
export function searchCases(today: string): SearchCase[] {
  const daysAgo = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
  return [
    { who: 'clerk', label: 'latin words, national', query: { q: "telefonimni o'g'irlab" } },
    { who: 'clerk', label: 'word + status', query: { q: 'pasport', status: 'answered' } },
    { who: 'clerk', label: 'word + region', query: { q: 'jarima', territory: '1726' } },
    { who: 'head', label: 'region head, overdue queue', query: { q: "qo'shnim", queue: 'overdue' } },
    { who: 'head', label: 'region head, last 90 days', query: { q: 'svetofor', receivedFrom: daysAgo(90) } },
    { who: 'clerk', label: 'cyrillic word, due order', query: { q: 'штраф', sort: 'due_asc' } },
    {
      who: 'clerk',
      label: 'word + type + channels',
      query: { q: 'kredit', type: 'ariza', channel: 'web,telegram' },
    },
    {
      who: 'head',
      label: 'region head, category',
      query: { q: 'propiska', category: 'residence_registration' },
    },
    {
      who: 'clerk',
      label: 'phrase + open statuses',
      query: { q: 'koʻchamizdagi chiroqlar', status: 'in_progress,assigned,registered' },
    },
    { who: 'clerk', label: 'rare word, last 30 days', query: { q: 'ov miltig', receivedFrom: daysAgo(30) } },
  ];
}

/** One aggregate a dashboard shows, as SQL over the appeals table. */
export interface DashboardQuery {
  who: 'head' | 'analyst';
  label: string;
  sql: string;
  values: unknown[];
}

const open =
  "('registered','assigned','in_progress','awaiting_info','answer_drafted','returned','conclusion_drafted')";

/**
 * The analyst's national figures that no dashboard endpoint serves yet (the head's and the analyst's
 * dashboards themselves are measured through GET /api/v1/dashboard and /api/v1/queues): categories per
 * month, regions by outcome, overdue by region, daily intake by channel.
 */
export function dashboardQueries(today: string): DashboardQuery[] {
  const daysAgo = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return [
    {
      who: 'analyst',
      label: 'categories per month, last 12 months, national',
      sql: `select date_trunc('month', received_on) as month, category_code, count(*)
            from appeals where received_on >= $1 and not sandbox group by 1, 2`,
      values: [daysAgo(365)],
    },
    {
      who: 'analyst',
      label: 'regions × outcome buckets this year, national',
      sql: `select left(territory_code, 4) as region, status, outcome, count(*)
            from appeals where received_on >= $1 and not sandbox group by 1, 2, 3`,
      values: [yearStart],
    },
    {
      who: 'analyst',
      label: 'overdue open appeals by region, national',
      sql: `select left(territory_code, 4) as region, count(*) from appeals
            where status in ${open} and due_on < $1 and not sandbox group by 1`,
      values: [today],
    },
    {
      who: 'analyst',
      label: 'daily intake by channel, last 90 days, national',
      sql: `select received_on, channel, count(*) from appeals where received_on >= $1 and not sandbox group by 1, 2`,
      values: [daysAgo(90)],
    },
  ];
}
