import { finalStatuses } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';

// SQL only: the service requests Open311 shows, which are the appeals received through Open311 and nothing
// else, with their status as the public history tells it (the newest public event that set a status).

/** What a GeoReport query may narrow by; `numbers` overrides the rest, as the specification says. */
export interface ServiceRequestFilter {
  numbers?: string[];
  serviceCodes?: string[];
  from: Date;
  to: Date;
  status?: 'open' | 'closed';
  limit: number;
}

/** Appeals received through Open311 (never the training sandbox's), newest first, with their public status. */
export function findServiceRequests(db: Db, filter: ServiceRequestFilter) {
  let query = db
    .selectFrom('appeals as a')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('appeal_events as e')
          .select(['e.to_status', 'e.at'])
          .whereRef('e.appeal_id', '=', 'a.id')
          .where('e.public', '=', true)
          .where('e.to_status', 'is not', null)
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .select([
      'a.number',
      'a.category_code',
      'a.text',
      'a.place',
      'a.lat',
      'a.lon',
      'a.received_at',
      'a.due_on',
      'a.owner_unit_id',
      'a.about_officer',
      'a.urgent',
      'a.applicant_kind',
      'p.to_status as public_status',
      'p.at as public_status_at',
    ])
    .where('a.channel', '=', 'open311')
    .where('a.sandbox', '=', false);
  if (filter.numbers) {
    query = query.where('a.number', 'in', filter.numbers);
  } else {
    query = query.where('a.received_at', '>=', filter.from).where('a.received_at', '<=', filter.to);
    if (filter.serviceCodes) query = query.where('a.category_code', 'in', filter.serviceCodes);
    if (filter.status === 'closed') query = query.where('p.to_status', 'in', finalStatuses);
    if (filter.status === 'open')
      query = query.where((eb) =>
        eb.or([eb('p.to_status', 'is', null), eb('p.to_status', 'not in', finalStatuses)]),
      );
  }
  return query.orderBy('a.received_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).execute();
}

/** One row of `findServiceRequests`. */
export type ServiceRequestRow = Awaited<ReturnType<typeof findServiceRequests>>[number];
