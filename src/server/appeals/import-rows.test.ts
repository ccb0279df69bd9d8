import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImportMapping, importMappingSchema, parseImportDate, readImportRow } from './import-rows.ts';

const mapping: ImportMapping = importMappingSchema.parse({
  dateFormat: 'DD.MM.YYYY',
  columns: {
    number: 'No',
    receivedAt: 'Date',
    fullName: 'Who',
    organization: 'Org',
    address: 'Address',
    phone: 'Phone',
    text: 'Text',
    unit: 'Unit',
    status: 'Status',
    answer: 'Answer',
    answeredAt: 'Answered',
    outcome: 'Result',
  },
  values: { status: { "Ko'rib chiqildi": 'answered' }, unit: { 'Yunusobod IIB': 'IIV-1726266-APP' } },
  defaults: { type: 'ariza', outcome: 'explained' },
});

const ref = {
  unitByCode: (code: string) =>
    code === 'IIV-1726266-APP' ? { id: 7, code, territoryCode: '1726266' } : undefined,
  hasCategory: (code: string) => code === 'theft',
  hasTerritory: () => true,
  now: new Date('2026-12-01T00:00:00Z'),
};

const good: Record<string, unknown> = {
  No: 'IIV-2024-0000042',
  Date: '05.03.2024 14:20',
  Who: 'Karimov Aziz Ali oʻgʻli',
  Address: 'Toshkent, Yunusobod',
  Phone: '90 123 45 67',
  Text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering.',
  Unit: 'yunusobod iib',
  Status: "ko'rib chiqildi",
  Answer: 'Tekshirildi, jinoyat ishi qoʻzgʻatildi.',
  Answered: '15.03.2024',
};

const read = (over: Record<string, unknown> = {}) =>
  readImportRow((h) => ({ ...good, ...over })[h], 9, mapping, ref);

describe('readImportRow', () => {
  it('reads a row in our words, with value maps matched regardless of case', () => {
    const result = read();
    expect(result).toMatchObject({
      ok: true,
      value: {
        row: 9,
        key: 'num:IIV-2024-0000042',
        keep: { number: 'IIV-2024-0000042', year: 2024, seq: 42 },
        receivedAt: new Date('2024-03-05T09:20:00Z'),
        answeredAt: new Date('2024-03-14T19:00:00Z'),
        status: 'answered',
        outcome: 'explained',
        unitCode: 'IIV-1726266-APP',
        territoryCode: '1726266',
        channel: 'post',
        form: 'written',
        applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', phone: '+998901234567' },
      },
    });
  });

  it('does not keep a number of another form, or of another year than the receipt', () => {
    expect(read({ No: '2024/42' })).toMatchObject({
      ok: true,
      value: { keep: null, sourceNumber: '2024/42' },
    });
    expect(read({ No: 'IIV-2023-0000042' })).toMatchObject({ ok: true, value: { keep: null } });
  });

  it('reads an organisation as a legal entity and no name at all as anonymous', () => {
    expect(read({ Org: 'Mahalla fuqarolar yigʻini', Who: undefined })).toMatchObject({
      ok: true,
      value: { applicant: { kind: 'legal_entity', organization: 'Mahalla fuqarolar yigʻini' } },
    });
    expect(read({ Who: undefined, Address: undefined, Phone: undefined })).toMatchObject({
      ok: true,
      value: { applicant: { kind: 'anonymous' } },
    });
  });

  it('names every problem by column, without repeating personal data', () => {
    const result = read({ Date: '31.02.2024', Phone: '12345', Status: 'Yoʻqolgan', Text: 'qisqa' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.column)).toEqual(['Date', 'Status', 'Text', 'Phone']);
    expect(JSON.stringify(problems)).not.toContain('12345');
    expect(problems.find((p) => p.column === 'Status')?.reason).toContain('add it to values.status');
  });

  it('refuses an answered appeal without its answer or date, and an answer on an open one', () => {
    const noAnswer = read({ Answer: undefined, Answered: undefined });
    expect(noAnswer.ok ? [] : noAnswer.problems.map((p) => p.column)).toEqual(['Answered', 'Answer']);
    const early = read({ Answered: '01.03.2024' });
    expect(early.ok ? '' : early.problems[0]?.reason).toBe('before the appeal was received');
    const open = read({ Status: 'in_progress' });
    expect(open.ok ? '' : open.problems[0]?.column).toBe('Answered');
  });

  it('refuses a row with neither number nor external id', () => {
    const result = read({ No: undefined });
    expect(result.ok ? '' : result.problems[0]).toMatchObject({ column: 'No', reason: 'empty' });
  });
});

describe('parseImportDate', () => {
  const day = fc.record({
    year: fc.integer({ min: 1995, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  });
  const p = (n: number) => String(n).padStart(2, '0');

  it('reads no date outside 1991-09-01 … 2099-12-31, and never throws (the run went on to crash on them)', () => {
    for (const value of ['0999-12-31T00:00:00Z', '1500-01-01', '2100-01-01', 3_000_000, 1e9, 1e300]) {
      expect(() => parseImportDate(value, 'YYYY-MM-DD')).not.toThrow();
      expect(parseImportDate(value, 'YYYY-MM-DD')).toBeUndefined();
    }
    expect(parseImportDate('1991-09-01', 'YYYY-MM-DD')).toBeInstanceOf(Date);
  });

  it('reads every format and an Excel serial as the same Tashkent wall-clock instant', () => {
    fc.assert(
      fc.property(day, (d) => {
        const expected = new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour - 5, d.minute));
        const time = `${p(d.hour)}:${p(d.minute)}`;
        expect(parseImportDate(`${d.year}-${p(d.month)}-${p(d.day)} ${time}`, 'YYYY-MM-DD')).toEqual(
          expected,
        );
        expect(parseImportDate(`${p(d.day)}.${p(d.month)}.${d.year} ${time}`, 'DD.MM.YYYY')).toEqual(
          expected,
        );
        expect(parseImportDate(`${d.day}/${d.month}/${d.year} ${time}`, 'DD/MM/YYYY')).toEqual(expected);
        expect(parseImportDate(`${d.month}/${d.day}/${d.year} ${time}`, 'MM/DD/YYYY')).toEqual(expected);
        const serial =
          (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / 86_400_000 +
          (d.hour * 60 + d.minute) / 1440;
        expect(parseImportDate(serial, 'DD.MM.YYYY')).toEqual(expected);
      }),
    );
  });

  it('refuses what is not a date', () => {
    for (const text of ['31.02.2024', '2024-13-01', 'yesterday', '12.05.24', '05.03.2024 25:00'])
      expect(parseImportDate(text, 'DD.MM.YYYY')).toBeUndefined();
  });
});
