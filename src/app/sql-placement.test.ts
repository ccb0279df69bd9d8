import { describe, expect, it } from 'vitest';
import { maySql, sqlOutsideRepositories } from './sql-placement.ts';

describe('SQL placement', () => {
  it('allows SQL only in repositories, the database folder and tests', () => {
    expect(maySql('server/appeals/appeals.repository.ts')).toBe(true);
    expect(maySql('server/db/migrations/20261203T1320-complaint-outside-subject.ts')).toBe(true);
    expect(maySql('server/appeals/appeals.api.test.ts')).toBe(true);
    expect(maySql('server/appeals/appeals.routes.ts')).toBe(false);
    expect(maySql('server/appeals/change-appeal.ts')).toBe(false);
    expect(maySql('portal/portal.routes.ts')).toBe(false);
  });

  it('finds no query, sql template or kysely value import anywhere else', () => {
    expect(sqlOutsideRepositories()).toEqual([]);
  });
});
