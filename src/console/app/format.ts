// Dates as people in Uzbekistan read them (DD.MM.YYYY, 24-hour time), always in Asia/Tashkent, whatever
// the computer's own time zone.

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tashkent',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function pieces(instant: string | Date) {
  const map = new Map(parts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    d: map.get('day'),
    m: map.get('month'),
    y: map.get('year'),
    h: map.get('hour'),
    min: map.get('minute'),
  };
}

/** 25.11.2026 14:05, Tashkent time. */
export function dateTime(instant: string | Date): string {
  const p = pieces(instant);
  return `${p.d}.${p.m}.${p.y} ${p.h}:${p.min}`;
}

/** 25.11.2026, Tashkent time. */
export function date(instant: string | Date): string {
  const p = pieces(instant);
  return `${p.d}.${p.m}.${p.y}`;
}

/** A legal day ('2026-11-25') as 25.11.2026. */
export function day(value: string): string {
  const [y, m, d] = value.split('-');
  return `${d}.${m}.${y}`;
}

/** Today's date in Tashkent as YYYY-MM-DD. */
export function todayInTashkent(): string {
  const p = pieces(new Date());
  return `${p.y}-${p.m}-${p.d}`;
}

/** A file size people read: 1.2 MB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
