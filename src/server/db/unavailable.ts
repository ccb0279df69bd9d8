const postgresUnavailable = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300']);
const networkErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** True for failures that mean "the database is not there right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (postgresUnavailable.has(code) || networkErrors.has(code)) return true;
  return /Connection terminated|Client was closed and is not queryable|timeout exceeded when trying to connect|Query read timeout|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting|shutting) up/i.test(
    error.message,
  );
}
