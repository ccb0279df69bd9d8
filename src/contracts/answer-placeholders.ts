// An answer goes to a citizen as written: a template's {{placeholder}} left in it is a letter that says
// "Dear {{applicantName}}". Shared by the server (which refuses such an answer) and the console (which says
// so before the request).

/** The {{placeholders}} a text still holds, each once, in the order they appear. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set(text.match(/\{\{[^{}\n]{0,60}\}\}/g) ?? [])];
}
