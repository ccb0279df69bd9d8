import { z } from 'zod';

/**
 * The calendar days a request may name, from Uzbekistan's independence to the end of the century. The
 * calendar code (deadlines/calendar.ts) works in the years 1000–9999, and a custom period is compared with
 * the period as long before it, so a day such as 0001-01-01, or a range of a thousand years, once reached it
 * and was answered 500. Bounded here, no question reaches outside it.
 */
export const FIRST_DAY = '1991-09-01';
export const LAST_DAY = '2099-12-31';

/** A calendar day `YYYY-MM-DD` between FIRST_DAY and LAST_DAY (a field error `dayRange` outside). */
export const daySchema = z.iso
  .date()
  .refine((day) => day >= FIRST_DAY && day <= LAST_DAY, { params: { message: 'dayRange' } });

/** A calendar month `YYYY-MM` within the same bounds. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM')
  .refine((month) => month >= FIRST_DAY.slice(0, 7) && month <= LAST_DAY.slice(0, 7), {
    params: { message: 'dayRange' },
  });

/** An instant with its offset (ISO 8601) on a day within the same bounds: when a staff member says an appeal came. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((at) => at.slice(0, 10) >= FIRST_DAY && at.slice(0, 10) <= LAST_DAY, {
    params: { message: 'dayRange' },
  });
