/**
 * The API's error messages name the field they are about (`url must be…`, `The slug "x" is taken`,
 * `This username is taken`). A form shows each under its field, in the form's own words; what
 * names no field of the form stays a message for the whole form.
 */
export interface SplitErrors {
  fields: Record<string, string>;
  other: string[];
}

/** Messages a creator should read differently from the API's wording (matched on the API's text). */
const REWORDED: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^The slug "(.*)" is taken$/, (m) => `“${m[1]}” is already taken. Try another.`],
  [/^This username is taken$/, () => 'This username is already taken. Try another.'],
  [/^An account with this email exists$/, () => 'An account with this email already exists. Log in instead?'],
  [/^\w+ must be an absolute (?:http or https|https) URL.*$/, () => 'Use a full web address, such as https://example.com/page.'],
  [
    /^\w+ must be an (?:http or https|https) URL, not (.*)$/,
    (m) => `Only web addresses (https://…) can be used, not ${m[1]} links.`,
  ],
  [/^\w+ must not contain a user name or password$/, () => 'Remove the user name and password from the address.'],
  [/^expiresAt must be in the future$/, () => 'Pick a moment in the future.'],
];

/** `messages` of an API error split by the fields of a form; `labels` maps API field names to the form's labels. */
export function splitErrors(messages: string[], labels: Record<string, string>): SplitErrors {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const message of messages) {
    const field = fieldOf(message, Object.keys(labels));
    const text = reword(message, field ? labels[field] : null);
    if (field && !fields[field]) fields[field] = text;
    else other.push(text);
  }
  return { fields, other };
}

/** The field a message is about: the one it starts with, else the one it mentions. */
function fieldOf(message: string, names: string[]): string | null {
  const first = message.split(/\s/, 1)[0];
  if (names.includes(first)) return first;
  const words = new Set(message.toLowerCase().match(/[a-z]+/g) ?? []);
  return names.find((name) => words.has(name.toLowerCase())) ?? null;
}

function reword(message: string, label: string | null): string {
  for (const [pattern, text] of REWORDED) {
    const match = message.match(pattern);
    if (match) return text(match);
  }
  if (!label) return message;
  // "title must be at most 200 characters" → "Title must be at most 200 characters."
  const rest = message.slice(message.indexOf(' ') + 1);
  return `${label} ${rest}${/[.!?]$/.test(rest) ? '' : '.'}`;
}
