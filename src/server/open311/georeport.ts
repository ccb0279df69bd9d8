// GeoReport v2 as it goes on the wire: the two formats, and the error body. Pure, no I/O.
//
// The JSON is the Spark-convention image of the XML (wiki.open311.org/JSON_and_XML_Conversion): an array in
// JSON is a wrapper element in XML holding one element per item, named by `itemNames`; null is an empty
// element; true and false are written as words.

/** A value of a GeoReport document. */
export type GeoValue = string | number | boolean | null | GeoValue[] | { [field: string]: GeoValue };

export const geoFormats = ['json', 'xml'] as const;
export type GeoFormat = (typeof geoFormats)[number];

/** The element name of one item of each list the specification has. */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

// Characters XML 1.0 cannot hold at all (control characters but tab, line feed and carriage return; lone
// surrogates; U+FFFE and U+FFFF) are dropped rather than escaped: no escape exists for them.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text as XML character data. */
export function xmlText(value: string): string {
  return value.replace(notXmlChar, '').replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

function element(name: string, value: GeoValue): string {
  if (value === null || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([field, v]) => element(field, v))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** A whole XML document whose root element is `root`, with the declaration the specification requires. */
export function toXml(root: string, value: GeoValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

/** The content type of each format, as the specification names them. */
export const contentTypes: Record<GeoFormat, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A document in the requested format: JSON as it is, XML under `root`. */
export function render(format: GeoFormat, root: string, value: GeoValue): string {
  return format === 'json' ? JSON.stringify(value) : toXml(root, value);
}

/** One error of a GeoReport error body. */
export interface GeoError {
  code: number;
  description: string;
}

/** The specification's error body: a list of errors, `<errors><error>…` in XML. */
export function renderErrors(format: GeoFormat, errors: GeoError[]): string {
  return render(
    format,
    'errors',
    errors.map((e) => ({ code: e.code, description: e.description })),
  );
}

/**
 * Splits the last path segment into the resource and its format: `IIV-2026-0000001.json` →
 * `['IIV-2026-0000001', 'json']`; undefined when the extension is neither json nor xml.
 */
export function splitFormat(segment: string): { name: string; format: GeoFormat } | undefined {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = segment.slice(dot + 1).toLowerCase();
  const format = geoFormats.find((f) => f === extension);
  return format ? { name: segment.slice(0, dot), format } : undefined;
}

/** The format a URL asks for, for answering errors in it: XML (the required format) unless it ends in .json. */
export function formatOfUrl(url: string): GeoFormat {
  const path = url.split('?')[0] ?? '';
  return /\.json$/i.test(path) ? 'json' : 'xml';
}
