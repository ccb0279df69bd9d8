// Prepares src/server/reference/data/district-outlines.json, the district (ADM2) outlines of the leaders' map,
// from the geoBoundaries gbOpen UZB ADM2 boundaries (OCHA ROCCA, CC BY 3.0 IGO; where the copy used came from:
// src/server/reference/README.md, "district-outlines.json"). Run once by hand, not at build time:
//
//   node --import tsx scripts/district-outlines.ts /path/to/geoBoundaries-UZB-ADM2.geojson
//
// 1. mapshaper 0.7.70 (MPL-2.0, fetched by npx for this run, not a dependency) repairs overlaps and gaps
//    between neighbours (`-clean`) and simplifies shared borders once (`-simplify interval=150 keep-shapes`).
// 2. Each boundary's region is the Natural Earth region outline (../shared/data/reference/uzbekistan-adm1.geojson)
//    holding most of its vertices.
// 3. Its name (English spellings, mostly romanised from Russian) is folded with the territory's Uzbek, English
//    and former names to a rough sound-alike key, and matched within that region only, a city to a city and a
//    district to a district; ALIASES settle the spellings the key does not reach. A boundary with no candidate or
//    with two stops the script: nothing is matched by a guess.
// 4. Projected exactly as region-outlines.json (equirectangular, x scaled by the cosine of the middle latitude,
//    the country 600 wide), written as relative SVG paths with two decimals (about 25 m).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import territoriesFile from '../src/server/reference/data/territories.json' with { type: 'json' };

type Ring = [number, number][];
interface Feature {
  properties: Record<string, string>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}
interface Territory {
  code: string;
  parentCode: string | null;
  kind: string;
  names: { uz: string; ru: string; en: string };
  formerNames?: { uz?: string[] };
}

const here = path.dirname(new URL(import.meta.url).pathname);
const [sourcePath] = process.argv.slice(2);
if (!sourcePath) throw new Error('usage: scripts/district-outlines.ts <geoBoundaries-UZB-ADM2.geojson>');
const adm1Path = path.join(here, '../../shared/data/reference/uzbekistan-adm1.geojson');
const outPath = path.join(here, '../src/server/reference/data/district-outlines.json');

/** Source name → the Uzbek name of the territory it is, where folding alone does not reach it. */
const ALIASES: Record<string, string> = {
  Djalalkuduk: 'Jalaquduq tumani',
  Khadjaabad: 'Xoʻjaobod tumani',
  Boz: 'Boʻston tumani', // renamed from Boʻz (territories.json: formerly Boʻz)
  Karaulbazar: 'Qorovulbozor tumani',
  Gallyaaral: 'Gʻallaorol tumani',
  'Dzhizak city': 'Jizzax shahri',
  Mubarek: 'Muborak tumani',
  Koshrabad: 'Qoʻshrabot tumani',
  Muzrabad: 'Muzrabot tumani',
  Denau: 'Denov tumani',
  Bayaut: 'Boyovut tumani',
  Bostanlik: 'Boʻstonliq tumani',
  Sokh: 'Soʻx tumani',
  Gurlen: 'Gurlan tumani',
  Koshkupir: 'Qoʻshkoʻpir tumani',
  Karauzyak: 'Qoraoʻzak tumani',
  Kungrad: 'Qoʻngʻirot tumani',
  Khojeyli: 'Xoʻjayli tumani',
};

/**
 * The source has Kagan city and Kagan district the wrong way round: its "Kagan city" is the ring of some 470 km²
 * around a 2 km² hole, and its "Kagan" fills that hole. The ring is the district (no district of Bukhara region is
 * a few km²); the small piece lies 5 km south of the town of Kogon (39.72° N, 64.55° E), so it is not shipped as
 * the city either. The script checks the sizes before it relabels, and stops if they no longer hold.
 */
const KAGAN = { ring: 'Kagan city', piece: 'Kagan', town: [64.55, 39.72] as [number, number] };

/** Lower-case sound-alike key: Uzbek oʻ/gʻ, Russian-style kh/dzh/q spellings and o/a, double letters folded. */
export function foldName(name: string): string {
  const cyrillic: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y' };
  return name
    .toLowerCase()
    .replace(/[аеорсху]/g, (c) => cyrillic[c] ?? c)
    .replace(/\b(tumani|shahri|district|city)\b/g, '')
    .replace(/o[ʻ'‘’`]/g, 'u')
    .replace(/[ʻʼ'‘’`\s-]/g, '')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/kh|x/g, 'h')
    .replace(/q/g, 'k')
    .replace(/o/g, 'a')
    .replace(/iy$/, 'i')
    .replace(/(.)\1/g, '$1');
}

function mainRings(f: Feature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function inRing(p: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inFeature(p: [number, number], f: Feature): boolean {
  return mainRings(f).some(
    ([outer, ...holes]) => outer && inRing(p, outer) && !holes.some((h) => inRing(p, h)),
  );
}

/** Planar area in square degrees scaled by cos(latitude): enough to compare two neighbours. */
function areaOf(f: Feature): number {
  let sum = 0;
  for (const polygon of mainRings(f)) {
    for (const [k, ring] of polygon.entries()) {
      let a = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] ?? [0, 0];
        const [xj, yj] = ring[j] ?? [0, 0];
        a += (xj + xi) * (yj - yi);
      }
      const lat = ((ring[0]?.[1] ?? 0) * Math.PI) / 180;
      sum += (k === 0 ? 1 : -1) * Math.abs(a / 2) * Math.cos(lat);
    }
  }
  return sum;
}

const simplified = path.join(mkdtempSync(path.join(tmpdir(), 'adm2-')), 'adm2.geojson');
execFileSync(
  'npx',
  [
    '--yes',
    'mapshaper@0.7.70',
    sourcePath,
    '-clean',
    '-simplify',
    'interval=150',
    'keep-shapes',
    '-o',
    'format=geojson',
    'precision=0.00001',
    simplified,
  ],
  { stdio: 'inherit' },
);
const features: Feature[] = JSON.parse(readFileSync(simplified, 'utf8')).features;
const regions: Feature[] = JSON.parse(readFileSync(adm1Path, 'utf8')).features;
const territories: Territory[] = territoriesFile.territories;

// The projection of region-outlines.json, from the same Natural Earth file's extent.
const all = regions.flatMap((r) => mainRings(r).flat(2));
const lons = all.map((p) => p[0]);
const lats = all.map((p) => p[1]);
const [west, east, south, north] = [
  Math.min(...lons),
  Math.max(...lons),
  Math.min(...lats),
  Math.max(...lats),
];
const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
const scale = 600 / ((east - west) * cos);
/** Projected point in hundredths of a map unit. */
const project = ([lon, lat]: [number, number]): [number, number] => [
  Math.round((lon - west) * cos * scale * 100),
  Math.round((north - lat) * scale * 100),
];

function distanceToRing([px, py]: [number, number], ring: Ring): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1] ?? [0, 0];
    const [bx, by] = ring[i] ?? [0, 0];
    const [dx, dy] = [bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return best;
}

/**
 * Regions within about 5 km of the boundary, nearest (most vertices inside) first: Natural Earth is only good to
 * about 1 km, and a small town on a region's edge can fall wholly outside its own region's outline.
 */
function regionsOf(f: Feature): string[] {
  const points = mainRings(f).flatMap((polygon) => polygon[0] ?? []);
  const near = regions.map((r) => {
    const inside = points.filter((p) => inFeature(p, r)).length;
    const rings = mainRings(r).map((polygon) => polygon[0] ?? []);
    const gap =
      inside > 0 ? 0 : Math.min(...points.flatMap((p) => rings.map((ring) => distanceToRing(p, ring))));
    return { code: r.properties.code ?? '', inside, gap };
  });
  return near
    .filter((r) => r.gap < 0.05)
    .sort((a, b) => b.inside - a.inside || a.gap - b.gap)
    .map((r) => r.code);
}

const nameOf = (f: Feature) => f.properties.matchAs ?? f.properties.shapeName ?? '';
const byName = new Map(features.map((f) => [nameOf(f), f]));
const km2 = (f: Feature | undefined) => (f ? areaOf(f) * 111.32 ** 2 : 0);
const kagan = { ring: byName.get(KAGAN.ring), piece: byName.get(KAGAN.piece) };
if (
  !kagan.ring ||
  !kagan.piece ||
  km2(kagan.ring) < 300 ||
  km2(kagan.piece) > 5 ||
  inFeature(KAGAN.town, kagan.piece)
) {
  throw new Error('the Kagan city/district mix-up no longer holds: look at the source again');
}
kagan.ring.properties.matchAs = KAGAN.piece;
const skipped = [kagan.piece];

const matches: { territory: Territory; feature: Feature }[] = [];
for (const f of features.filter((f) => !skipped.includes(f))) {
  const name = nameOf(f);
  const near = regionsOf(f);
  const isCity = /\bcity$/.test(name);
  const alias = ALIASES[name];
  const candidates = territories.filter((t) => {
    if (!near.includes(t.parentCode ?? '') || (t.kind === 'city') !== isCity) return false;
    if (alias) return t.names.uz === alias;
    const keys = [t.names.uz, t.names.en, ...(t.formerNames?.uz ?? [])].map(foldName);
    return keys.includes(foldName(name));
  });
  if (candidates.length !== 1 || !candidates[0]) {
    throw new Error(`${name} (${near}): ${candidates.length} candidates ${candidates.map((c) => c.code)}`);
  }
  if (candidates[0].parentCode !== near[0])
    console.log(`note: ${name} is mostly in ${near[0]} by Natural Earth`);
  matches.push({ territory: candidates[0], feature: f });
}
const codes = matches.map((m) => m.territory.code);
const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
if (twice.length > 0) throw new Error(`matched twice: ${twice}`);

/** Relative SVG path, two decimals; repeated points after rounding are dropped. */
function pathOf(f: Feature): string {
  const number = (v: number) => String(v / 100);
  const parts: string[] = [];
  for (const polygon of mainRings(f)) {
    for (const ring of polygon) {
      const points = ring
        .map(project)
        .filter((p, i, a) => i === 0 || p[0] !== a[i - 1]?.[0] || p[1] !== a[i - 1]?.[1]);
      if (points.length < 4) continue;
      const [first, ...rest] = points.slice(0, -1);
      if (!first) continue;
      let [x, y] = first;
      const steps = rest.map(([px, py]) => {
        const step = `${number(px - x)} ${number(py - y)}`;
        [x, y] = [px, py];
        return step;
      });
      parts.push(`M${number(first[0])} ${number(first[1])}l${steps.join(' ')}z`);
    }
  }
  return parts.join('');
}

const outlines = matches
  .map(({ territory, feature }) => ({
    code: territory.code,
    source: feature.properties.shapeName ?? '',
    d: pathOf(feature),
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

const viewBoxes = [...new Set(outlines.map((o) => o.code.slice(0, 4)))].map((region) => {
  const points = matches
    .filter((m) => m.territory.parentCode === region)
    .flatMap((m) => mainRings(m.feature).flatMap((polygon) => polygon[0] ?? []))
    .map(project);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.round(Math.max(x1 - x0, y1 - y0) * 0.02);
  return {
    code: region,
    viewBox: [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad].map((v) => v / 100),
  };
});

const below = territories.filter((t) => t.parentCode !== null);
const unmatched = below.filter((t) => !codes.includes(t.code));
const file = {
  meta: {
    description:
      'Outlines of districts and cities for the leaders’ map, in the coordinates of region-outlines.json (equirectangular, x scaled by cos of the middle latitude, the country 600 × 390), two decimals, relative path commands; per region the box its districts fill.',
    source:
      'geoBoundaries gbOpen UZB ADM2 (boundaryID UZB-ADM2-79887680, boundary year 2020, 199 units), from OCHA ROCCA, https://data.humdata.org/dataset/ubbekistan-update, licence CC BY 3.0 IGO. See reference/README.md.',
    attribution:
      'District boundaries: OCHA ROCCA (CC BY 3.0 IGO), via geoBoundaries (www.geoboundaries.org; Runfola et al. 2020, PLoS ONE 15(4): e0231866).',
    prepared: new Date().toISOString().slice(0, 10),
    preparedBy: 'scripts/district-outlines.ts (mapshaper 0.7.70: -clean -simplify interval=150 keep-shapes)',
    corrections: [
      'The source’s “Kagan city” (a ring of some 470 km²) is Kogon tumani; its “Kagan” (2 km², 5 km south of the town) is not shipped, so Kogon shahri has no outline.',
    ],
    matched: `${outlines.length} of ${below.length}`,
    unmatched: unmatched.map((t) => `${t.code} ${t.names.uz}`),
  },
  regions: viewBoxes,
  outlines,
};
writeFileSync(outPath, `${JSON.stringify(file, null, 1)}\n`);
for (const m of matches.sort((a, b) => a.territory.code.localeCompare(b.territory.code))) {
  console.log(`${m.territory.code}\t${m.territory.names.uz}\t← ${m.feature.properties.shapeName}`);
}
console.log(`matched ${outlines.length} of ${below.length}; unmatched: ${file.meta.unmatched.join(', ')}`);
console.log(`${outPath}: ${readFileSync(outPath).length} bytes`);
