import type { Unit, UnitDirectory } from './unit-directory.ts';

// Where an appeal starts, decided once and before it is written, for every door (portal, API, operator
// entry, channels) and for staff or the system marking a complaint about an officer later. Pure: no I/O.
//
// The rule the law and the MIA set: a complaint is never examined by the officer or unit it complains
// about. So a complaint about an officer of a body goes to internal security one level above that body
// and is hidden from the body itself (the subject) — at every moment, also when it is urgent: then the
// duty unit of that higher body acts on it too, never the officer's own duty desk.

/** How sure intake is that an appeal complains about an officer's own conduct. */
export type OfficerComplaintLevel = 'none' | 'suspected' | 'confirmed';

/** The facts the starting route depends on. */
export interface StartFacts {
  territoryCode: string | null;
  urgent: boolean;
  officerComplaint: OfficerComplaintLevel;
  anonymous: boolean;
  /** For a complaint to the unit above the one that answered an earlier appeal: that answering unit. */
  complaintAgainstUnit?: Unit | undefined;
}

/** The history line that records how an appeal was routed when it was routed at once. */
export type RoutedEvent = 'routed' | 'routed_urgent' | 'routed_officer_complaint';

/** Where an appeal starts, who works it, who may see it, and whom it must stay hidden from. */
export interface StartingRoute {
  status: 'registered' | 'assigned' | 'conclusion_drafted';
  /** The unit holding the appeal (its lead unit once routed). */
  holder: Unit;
  /** Units working it, lead first; empty while it waits for triage or a head's conclusion. */
  units: Unit[];
  /** Units whose staff see it. */
  scope: Unit[];
  /** The body (or ministry department) the complaint is about: hidden from it and everything below. */
  subject: Unit | null;
  /** True when the appeal is taken as a complaint about an officer (not a mere suspicion). */
  aboutOfficer: boolean;
  routedEvent: RoutedEvent | null;
}

/**
 * The unit a complaint about an officer of `unit` is about: the officer's body (a district department
 * or a regional directorate), or the department itself inside the ministry, where hiding the whole
 * ministry would hide the complaint from everyone. Undefined for the ministry as a whole.
 */
export function complaintSubject(units: UnitDirectory, unit: Unit): Unit | undefined {
  const body = units.bodyOf(unit);
  if (body.level !== 'ministry') return body;
  return unit.level === 'service' ? unit : undefined;
}

/**
 * The units that examine a complaint about an officer of `subject`: internal security of the body one
 * level above (a district officer → the regional directorate, a directorate or ministry department
 * officer → the ministry) and, when it is urgent, that body's duty unit as well.
 */
export function officerComplaintRoute(units: UnitDirectory, subject: Unit, urgent: boolean): Unit[] {
  const above = subject.level === 'service' ? units.bodyOf(subject) : units.parentBody(subject);
  const security = units.serviceOf(above, 'internal_security');
  const examiner = security && security.id !== subject.id ? security : above;
  const duty = urgent ? units.serviceOf(above, 'duty') : undefined;
  return duty && duty.id !== subject.id ? [examiner, duty] : [examiner];
}

/** The appeals unit that registers an appeal from a territory, before anyone routes it. */
export function intakeUnit(units: UnitDirectory, territoryCode: string | null): Unit {
  const body = units.bodyForTerritory(territoryCode);
  return units.serviceOf(body, 'appeals') ?? body;
}

/**
 * Decides where a new appeal starts:
 * - a complaint about an officer → internal security one level above the officer's body (and its duty
 *   unit when urgent), hidden from that body; only suspected → the appeals unit one level above, for a
 *   clerk there to decide, still hidden from the body;
 * - an urgent report → the duty unit of the territory's body;
 * - a complaint to a higher unit → the appeals unit above the body that answered;
 * - otherwise the territory's appeals unit, for triage.
 * An anonymous appeal that is not urgent waits for a head's "not considered" conclusion where it starts.
 */
export function decideStartingRoute(units: UnitDirectory, facts: StartFacts): StartingRoute {
  const territoryBody = units.bodyForTerritory(facts.territoryCode);
  const subject = facts.officerComplaint === 'none' ? undefined : complaintSubject(units, territoryBody);
  const waiting = facts.anonymous && !facts.urgent ? 'conclusion_drafted' : undefined;

  if (facts.officerComplaint === 'confirmed' || (facts.officerComplaint === 'suspected' && facts.urgent)) {
    // Unknown territory: internal security of the ministry examines it and names the subject later.
    const examiners = subject
      ? officerComplaintRoute(units, subject, facts.urgent)
      : officerComplaintRoute(units, units.ministry, facts.urgent);
    const [holder = units.ministry] = examiners;
    return {
      status: waiting ?? 'assigned',
      holder,
      units: waiting ? [] : examiners,
      scope: examiners,
      subject: subject ?? null,
      aboutOfficer: facts.officerComplaint === 'confirmed',
      routedEvent: waiting ? null : 'routed_officer_complaint',
    };
  }
  if (facts.officerComplaint === 'suspected' && subject) {
    const above = subject.level === 'service' ? units.bodyOf(subject) : units.parentBody(subject);
    const holder = units.serviceOf(above, 'appeals') ?? above;
    return {
      status: waiting ?? 'registered',
      holder,
      units: [],
      scope: [holder],
      subject,
      aboutOfficer: false,
      routedEvent: null,
    };
  }
  if (facts.urgent) {
    const duty = units.serviceOf(territoryBody, 'duty') ?? territoryBody;
    return routedTo(duty, 'routed_urgent');
  }
  if (facts.complaintAgainstUnit) {
    const higher = units.parentBody(units.bodyOf(facts.complaintAgainstUnit));
    const appeals = units.serviceOf(higher, 'appeals') ?? higher;
    return waiting ? waitingAt(appeals, waiting) : routedTo(appeals, 'routed');
  }
  return waitingAt(intakeUnit(units, facts.territoryCode), waiting ?? 'registered');
}

function routedTo(unit: Unit, routedEvent: RoutedEvent): StartingRoute {
  return {
    status: 'assigned',
    holder: unit,
    units: [unit],
    scope: [unit],
    subject: null,
    aboutOfficer: false,
    routedEvent,
  };
}

function waitingAt(unit: Unit, status: 'registered' | 'conclusion_drafted'): StartingRoute {
  return {
    status,
    holder: unit,
    units: [],
    scope: [unit],
    subject: null,
    aboutOfficer: false,
    routedEvent: null,
  };
}

/** What intake read about an officer complaint, and how it turns into a level. */
export interface OfficerEvidence {
  /** The applicant or operator chose a category about officers' conduct. */
  category: boolean;
  /** The rule-based detector's confidence (a police reference and a kind of misconduct). */
  detector: number;
  /** The category model's probability that the text belongs to an officer-conduct category. */
  model: number;
}

/** Below this, nothing is suspected; at or above the auto-route threshold, it is taken as confirmed. */
export const OFFICER_SUSPICION = 0.5;

/** Confirmed when chosen or read with the auto-route confidence; suspected from half of that. */
export function officerComplaintLevel(evidence: OfficerEvidence, threshold: number): OfficerComplaintLevel {
  if (evidence.category) return 'confirmed';
  const score = Math.max(evidence.detector, evidence.model);
  if (score >= threshold) return 'confirmed';
  return score >= OFFICER_SUSPICION ? 'suspected' : 'none';
}

/** The confidence at or above which the language layer's reading is acted on without a person. */
export const DEFAULT_AUTO_ROUTE_THRESHOLD = 0.8;

/** The administrator's auto-route threshold (`triage.autoRouteThreshold`), or the default. */
export function autoRouteThreshold(settings: ReadonlyMap<string, unknown>): number {
  const value = settings.get('triage.autoRouteThreshold');
  return typeof value === 'number' && value > 0 && value <= 1 ? value : DEFAULT_AUTO_ROUTE_THRESHOLD;
}
