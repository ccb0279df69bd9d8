// Appeals also arrive as flat fields named like the API's JSON paths (`applicant.lastName`): the portal's
// form and multipart posts to the API. One list of those names and one conversion serve both.

/** Fields of the new-appeal form: exactly the API's JSON paths. */
export const appealFieldNames = [
  'type',
  'applicant.kind',
  'applicant.lastName',
  'applicant.firstName',
  'applicant.patronymic',
  'applicant.pinfl',
  'applicant.organization',
  'applicant.representative',
  'applicant.taxId',
  'applicant.address',
  'applicant.phone',
  'applicant.email',
  'collective.signatories',
  'territory',
  'category',
  'text',
  'location.place',
  'location.lat',
  'location.lon',
  'answerLanguage',
  'answerChannel',
  'consent',
  'relatedTo.number',
  'relatedTo.accessCode',
  'relatedTo.kind',
] as const;

const consentValues = new Set(['true', 'on', '1', 'yes']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(node: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = node[key];
  if (isRecord(existing)) return existing;
  const created: Record<string, unknown> = {};
  node[key] = created;
  return created;
}

/** The API's JSON shape from flat fields; empty fields are left out, as if never sent. */
export function toAppealJson(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const name of appealFieldNames) {
    const value = values[name];
    if (value === undefined || value.trim() === '') continue;
    const keys = name.split('.');
    const parent = keys.slice(0, -1).reduce(child, json);
    parent[keys.at(-1) ?? name] = name === 'consent' ? consentValues.has(value) : value;
  }
  return json;
}
