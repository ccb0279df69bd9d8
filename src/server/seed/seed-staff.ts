// The executor accounts that work a seed's appeals. Pure: sized from each unit's expected share of the
// appeals before the first appeal is generated, so that the writer (./copy-seed.ts) creates every account
// in one statement, ahead of the appeals that name them.
import { mulberry32 } from '../../nlp/random.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import { hash32, pick } from './seed-random.ts';
import { names } from './seed-texts.ts';

/** A seeded executor account: its login, a made-up display name, and the unit it works in. */
export interface SeedExecutor {
  login: string;
  fullName: string;
  unitId: number;
}

/** Every seeded executor's login starts so; a later seed into the same database reuses those accounts. */
export const SEED_EXECUTOR_PREFIX = 'seed-exec-';

// Appeals one executor works in a year: a district desk's executor handles tens to a few hundred.
const CASELOAD = 150;

/**
 * The executors of every unit with a share of the appeals, lead-first by number: as many as carry about 150
 * appeals a year each, and at least one. Logins (`seed-exec-<unit code>-<n>`) depend only on the unit and
 * the number, so a larger or later seed names the same accounts and adds only the missing ones.
 */
export function planExecutors(
  units: UnitDirectory,
  shares: ReadonlyMap<number, number>,
  appealsPerYear: number,
): Map<number, SeedExecutor[]> {
  const roster = new Map<number, SeedExecutor[]>();
  for (const [unitId, share] of shares) {
    const unit = units.byId(unitId);
    if (!unit) continue;
    const count = Math.max(1, Math.round((share * appealsPerYear) / CASELOAD));
    const people: SeedExecutor[] = [];
    for (let n = 1; n <= count; n++) {
      const login = `${SEED_EXECUTOR_PREFIX}${unit.code.toLowerCase()}-${n}`;
      people.push({ login, fullName: displayName(login), unitId });
    }
    roster.set(unitId, people);
  }
  return roster;
}

/** A made-up name for an account, the same for its login in every seed. */
function displayName(login: string): string {
  const random = mulberry32(hash32(`executor:${login}`));
  const female = random() < 0.3;
  const last = pick(random, names.last);
  return `${female ? `${last}a` : last} ${pick(random, female ? names.firstFemale : names.firstMale)}`;
}
