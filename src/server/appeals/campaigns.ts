import type { Campaign, CampaignGrouping } from '../../contracts/campaign.schema.ts';
import { type AppealStatus, finalStatuses } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { type StaffUser, scopeOf } from './appeal.policy.ts';
import { campaignLinks, campaignMembers } from './campaigns.repository.ts';
import { changeAppeal } from './change-appeal.ts';

// Mass appeals worked as one matter (issue 17): triage links near-identical texts from five or more different
// applicants as `campaign` (src/server/assist/triage-appeal.ts); here the links become groups the viewer can
// see — each with its size, applicants, first and last date — and one action makes the whole campaign a
// group of identical appeals, so that the head's one approved answer answers every applicant.

/** How far back campaigns are looked for: a campaign older than this is history, not work. */
export const CAMPAIGN_DAYS = 180;
/** How many distinct applicants sending near-identical texts make a mass campaign. */
export const CAMPAIGN_MIN_APPLICANTS = 5;

/** The member numbers a campaign lists (the size counts them all). */
const LISTED_MEMBERS = 200;
const EXCERPT_CHARS = 240;

/** The roles that see campaigns and may group them: those who may add an appeal to a group, and analysts. */
const readers = new Set(['clerk', 'head', 'internal_security', 'admin', 'analyst']);
const groupers = new Set(['clerk', 'head', 'internal_security', 'admin']);

interface Member {
  id: number;
  number: string;
  status: string;
  receivedAt: Date;
  groupLeadId: number | null;
  applicantKey: string;
  category: string | null;
  territory: string | null;
  text: string;
}

interface Found {
  lead: Member;
  members: Member[];
}

/** Campaigns in the viewer's scope, largest first. Only appeals the viewer may see are counted or named. */
export async function listCampaigns(ctx: AppContext, user: StaffUser): Promise<{ items: Campaign[] }> {
  if (!readers.has(user.role)) throw new AppError('FORBIDDEN');
  const found = await findCampaigns(ctx, user);
  return { items: found.map(present) };
}

/**
 * Makes the campaign's open work one group: every open member not yet grouped joins the lead's group, each
 * through the same `join_group` change a clerk makes by hand (audited, refused where the rules refuse it).
 * Open members that cannot join are reported with the reason, never silently left out.
 */
export async function groupCampaign(options: {
  ctx: AppContext;
  user: StaffUser;
  number: string;
}): Promise<CampaignGrouping> {
  const { ctx, user, number } = options;
  if (!groupers.has(user.role)) throw new AppError('FORBIDDEN');
  const campaign = (await findCampaigns(ctx, user)).find((c) => c.members.some((m) => m.number === number));
  // A number outside the viewer's campaigns answers as one that does not exist.
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  const { lead } = campaign;
  if (isFinal(lead.status)) throw new AppError('GROUP_NOT_ALLOWED', undefined, { reason: 'lead_closed' });
  const joined: string[] = [];
  const skipped: CampaignGrouping['skipped'] = [];
  for (const member of campaign.members) {
    // Closed members are answered already (an earlier wave's group, or on their own): no work to join.
    if (member.id === lead.id || member.groupLeadId === lead.id || isFinal(member.status)) continue;
    try {
      await changeAppeal({
        ctx,
        user,
        number: member.number,
        input: { action: 'join_group', into: lead.number, reason: 'campaign' },
      });
      joined.push(member.number);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const reason = (error.details as { reason?: string } | undefined)?.reason ?? error.code;
      skipped.push({ number: member.number, reason });
    }
  }
  return { lead: lead.number, joined, skipped };
}

function isFinal(status: string): boolean {
  return finalStatuses.includes(status as AppealStatus);
}

async function findCampaigns(ctx: AppContext, user: StaffUser): Promise<Found[]> {
  const scope = scopeOf(user, ctx.reference().units);
  const since = new Date(ctx.clock.now().getTime() - CAMPAIGN_DAYS * 86_400_000);
  const links = await campaignLinks(ctx.db, since);
  if (links.length === 0) return [];
  const ids = [...new Set(links.flatMap((l) => [l.appeal_id, l.other_id]))];
  const visible = new Map<number, Member>();
  for (const row of await campaignMembers(ctx.db, ids, scope))
    visible.set(row.id, {
      id: row.id,
      number: row.number,
      status: row.status,
      receivedAt: row.received_at,
      groupLeadId: row.group_lead_id,
      applicantKey: row.applicant_key,
      category: row.category_code,
      territory: row.territory_code,
      text: row.text,
    });
  // Union–find over the links whose both ends the viewer may see: a hidden appeal never joins two parts.
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let r = id;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) ?? r;
    parent.set(id, r);
    return r;
  };
  for (const { appeal_id: a, other_id: b } of links) {
    if (!visible.has(a) || !visible.has(b)) continue;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, Member[]>();
  for (const id of parent.keys()) {
    const member = visible.get(id);
    if (!member) continue;
    const r = root(id);
    groups.set(r, [...(groups.get(r) ?? []), member]);
  }
  const found: Found[] = [];
  for (const members of groups.values()) {
    // A mass appeal is many people's: a text two or three neighbours sent stays a link on their cards.
    if (new Set(members.map((m) => m.applicantKey)).size < CAMPAIGN_MIN_APPLICANTS) continue;
    members.sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime() || x.id - y.id);
    found.push({ lead: leadOf(members), members });
  }
  return found.sort(
    (x, y) =>
      y.members.length - x.members.length || y.lead.receivedAt.getTime() - x.lead.receivedAt.getTime(),
  );
}

/**
 * The appeal whose answer answers the campaign's open work: the lead most open members already joined, else
 * the earliest open member. Once that group is answered, people who send the text later are open work of
 * their own, led by the earliest of them (their lead finds the earlier answer among its similar answered
 * appeals). A campaign with nothing open keeps the lead most members were answered with.
 */
function leadOf(members: Member[]): Member {
  const open = members.filter((m) => !isFinal(m.status));
  const first = members[0] as Member;
  return mostJoined(open) ?? open[0] ?? mostJoined(members) ?? first;
}

/** The one of these members that leads most of the others' groups, if any of them joined one of them. */
function mostJoined(members: readonly Member[]): Member | undefined {
  const byId = new Map(members.map((m) => [m.id, m]));
  const votes = new Map<number, number>();
  // A group led by an appeal outside these (another matter, or a closed lead) is no candidate.
  for (const m of members)
    if (m.groupLeadId !== null && byId.has(m.groupLeadId))
      votes.set(m.groupLeadId, (votes.get(m.groupLeadId) ?? 0) + 1);
  const chosen = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return chosen === undefined ? undefined : byId.get(chosen);
}

function present({ lead, members }: Found): Campaign {
  const open = members.filter((m) => !isFinal(m.status));
  const first = members[0] as Member;
  const last = members.at(-1) as Member;
  return {
    lead: lead.number,
    size: members.length,
    applicants: new Set(members.map((m) => m.applicantKey)).size,
    open: open.length,
    // The lead and the members joined to it; nothing is grouped before the first member joins.
    grouped: joinedCount(members, lead),
    joinable: open.filter((m) => m.id !== lead.id && m.groupLeadId !== lead.id).length,
    firstReceivedAt: first.receivedAt.toISOString(),
    lastReceivedAt: last.receivedAt.toISOString(),
    category: lead.category,
    territory: lead.territory,
    excerpt: lead.text.length > EXCERPT_CHARS ? `${lead.text.slice(0, EXCERPT_CHARS - 1)}…` : lead.text,
    members: members.slice(0, LISTED_MEMBERS).map((m) => m.number),
  };
}

function joinedCount(members: readonly Member[], lead: Member): number {
  const joined = members.filter((m) => m.id !== lead.id && m.groupLeadId === lead.id).length;
  return joined === 0 ? 0 : joined + 1;
}
