import { describe, expect, it } from 'vitest';
import { appealInputSchema } from '../contracts/appeal.schema.ts';
import { parseWith, toAppealJson } from './form-input.ts';

describe('form fields named like JSON paths', () => {
  it('become the API’s JSON shape, empty fields left out as if never sent', () => {
    expect(
      toAppealJson({
        type: 'ariza',
        'applicant.kind': 'individual',
        'applicant.lastName': 'Karimov',
        'applicant.patronymic': '',
        'collective.signatories': ' ',
        'location.lat': '41.3',
        'location.lon': '69.2',
        text: 'Matn',
        consent: 'true',
        _csrf: 'token',
        homepage: '',
      }),
    ).toEqual({
      type: 'ariza',
      applicant: { kind: 'individual', lastName: 'Karimov' },
      location: { lat: '41.3', lon: '69.2' },
      text: 'Matn',
      consent: true,
    });
  });

  it('take a check box as consent only when it was ticked', () => {
    expect(toAppealJson({ consent: 'on' }).consent).toBe(true);
    expect(toAppealJson({ consent: 'no' }).consent).toBe(false);
    expect(toAppealJson({}).consent).toBeUndefined();
  });

  it('map schema problems to the fields the form shows, and the rest to the whole form', () => {
    const shown = new Set(['type', 'applicant.kind', 'applicant.lastName', 'text', 'consent']);
    const parsed = parseWith(
      appealInputSchema,
      toAppealJson({
        text: 'short',
        'relatedTo.number': 'nonsense',
        'relatedTo.accessCode': 'x',
        'relatedTo.kind': 'complaint',
      }),
      'en',
      shown,
      (path) => (path.startsWith('relatedTo') ? 'The original appeal was not found.' : undefined),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([...parsed.errors.keys()].sort()).toEqual(['_form', 'applicant.kind', 'consent', 'text', 'type']);
    expect(parsed.errors.get('_form')).toBe('The original appeal was not found.');
    expect(parsed.errors.get('text')).toBe('Enter at least 10 characters.');
  });
});
