import { describe, expect, it } from 'vitest';
import { loadReference } from '../reference/load-reference.ts';
import {
  complaintSubject,
  decideStartingRoute,
  type OfficerComplaintLevel,
  officerComplaintLevel,
  officerComplaintRoute,
  type StartFacts,
} from './starting-route.ts';
import { UnitDirectory } from './unit-directory.ts';

// The shipped unit tree, numbered in file order as the database would.
const shipped = loadReference().units;
const ids = new Map(shipped.map((u, i) => [u.code, i + 1]));
const units = new UnitDirectory(
  shipped.map((u) => ({
    id: ids.get(u.code) ?? 0,
    code: u.code,
    parentId: u.parentCode === null ? null : (ids.get(u.parentCode) ?? null),
    level: u.level,
    service: u.service ?? null,
    territoryCode: u.territoryCode ?? null,
    names: u.names,
    active: true,
  })),
);

function unit(code: string) {
  const found = units.byCode(code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
}

const yunusobod = '1726266';
const start = (facts: Partial<StartFacts>) => {
  const route = decideStartingRoute(units, {
    territoryCode: yunusobod,
    urgent: false,
    officerComplaint: 'none',
    anonymous: false,
    ...facts,
  });
  return {
    status: route.status,
    holder: route.holder.code,
    units: route.units.map((u) => u.code),
    scope: route.scope.map((u) => u.code),
    subject: route.subject?.code ?? null,
    aboutOfficer: route.aboutOfficer,
    event: route.routedEvent,
  };
};

describe('decideStartingRoute', () => {
  it('registers an ordinary appeal with the territory’s appeals unit for triage', () => {
    expect(start({})).toEqual({
      status: 'registered',
      holder: 'IIV-1726266-APP',
      units: [],
      scope: ['IIV-1726266-APP'],
      subject: null,
      aboutOfficer: false,
      event: null,
    });
  });

  it('sends an urgent report to the duty unit of the territory’s body', () => {
    expect(start({ urgent: true })).toMatchObject({
      status: 'assigned',
      units: ['IIV-1726266-DUTY'],
      event: 'routed_urgent',
    });
  });

  it('sends a complaint about an officer to internal security one level above, hidden from the body', () => {
    expect(start({ officerComplaint: 'confirmed' })).toEqual({
      status: 'assigned',
      holder: 'IIV-1726-ISEC',
      units: ['IIV-1726-ISEC'],
      scope: ['IIV-1726-ISEC'],
      subject: 'IIV-1726266',
      aboutOfficer: true,
      event: 'routed_officer_complaint',
    });
  });

  it('sends an urgent complaint about an officer to internal security and the duty unit above, never below', () => {
    for (const level of ['confirmed', 'suspected'] as const) {
      const route = start({ officerComplaint: level, urgent: true });
      expect(route).toMatchObject({
        status: 'assigned',
        units: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
        scope: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
        subject: 'IIV-1726266',
      });
    }
  });

  it('leaves a suspicion to the appeals unit one level above, still hidden from the body', () => {
    expect(start({ officerComplaint: 'suspected' })).toMatchObject({
      status: 'registered',
      holder: 'IIV-1726-APP',
      scope: ['IIV-1726-APP'],
      subject: 'IIV-1726266',
      aboutOfficer: false,
    });
  });

  it('keeps an anonymous complaint about an officer for a conclusion above, not in the officer’s body', () => {
    expect(start({ officerComplaint: 'confirmed', anonymous: true })).toMatchObject({
      status: 'conclusion_drafted',
      holder: 'IIV-1726-ISEC',
      units: [],
      subject: 'IIV-1726266',
    });
  });

  it('sends a complaint about a regional directorate’s officer to the ministry', () => {
    expect(start({ officerComplaint: 'confirmed', territoryCode: '1726' })).toMatchObject({
      holder: 'IIV-ISEC',
      subject: 'IIV-1726',
    });
  });

  it('sends a complaint without a territory to the ministry’s internal security, naming no subject yet', () => {
    expect(start({ officerComplaint: 'confirmed', territoryCode: null })).toMatchObject({
      holder: 'IIV-ISEC',
      subject: null,
    });
  });

  it('sends a complaint about an answer to the appeals unit above the body that answered', () => {
    expect(start({ complaintAgainstUnit: unit('IIV-1726266-PREV') })).toMatchObject({
      status: 'assigned',
      units: ['IIV-1726-APP'],
      event: 'routed',
    });
  });
});

describe('complaintSubject and officerComplaintRoute', () => {
  it('takes the officer’s whole district body as the subject, whatever service he serves in', () => {
    expect(complaintSubject(units, unit('IIV-1726266-PATROL'))?.code).toBe('IIV-1726266');
  });

  it('takes a ministry department itself as the subject (hiding the whole ministry would hide it from all)', () => {
    expect(complaintSubject(units, unit('IIV-PATROL'))?.code).toBe('IIV-PATROL');
    expect(complaintSubject(units, units.ministry)).toBeUndefined();
    expect(officerComplaintRoute(units, unit('IIV-PATROL'), true).map((u) => u.code)).toEqual([
      'IIV-ISEC',
      'IIV-DUTY',
    ]);
  });

  it('never lets internal security examine a complaint about itself', () => {
    expect(officerComplaintRoute(units, unit('IIV-ISEC'), false).map((u) => u.code)).toEqual(['IIV']);
  });
});

describe('officerComplaintLevel', () => {
  const level = (category: boolean, detector: number, model: number): OfficerComplaintLevel =>
    officerComplaintLevel({ category, detector, model }, 0.8);

  it('is confirmed by the chosen category, or by the rules or the model at the threshold', () => {
    expect(level(true, 0, 0)).toBe('confirmed');
    expect(level(false, 0.8, 0)).toBe('confirmed');
    expect(level(false, 0.1, 0.85)).toBe('confirmed');
  });

  it('is suspected from half-way up, and nothing below', () => {
    expect(level(false, 0.7, 0.2)).toBe('suspected');
    expect(level(false, 0.1, 0.5)).toBe('suspected');
    expect(level(false, 0.3, 0.49)).toBe('none');
  });
});
