/**
 * Human wording for validation messages. Client checks (zod, ajv for plugin configs) and the server's
 * `details[]` (the same zod schemas) arrive as zod's or ajv's English defaults ("Too small: expected string
 * to have >=1 characters"); `lib/form-errors.ts` passes every message through here on its way to a field.
 * Messages a schema words itself ("must be http(s)://…") match no rule and stay as written.
 */

type Rule = readonly [RegExp, (m: RegExpMatchArray) => string];

const plural = (n: string, one: string, many = `${one}s`) => `${n} ${n === '1' ? one : many}`;

const TYPE_WORDS: Record<string, string> = {
  number: 'Enter a number',
  int: 'Enter a whole number',
  integer: 'Enter a whole number',
  string: 'Enter text',
  boolean: 'Choose yes or no',
  array: 'Expected a list',
  object: 'Expected a group of fields',
  date: 'Enter a date',
};

/** "a"|"b" or 'a' | 'b' -> a, b */
const listOf = (raw: string) =>
  raw
    .split('|')
    .map((v) => v.trim().replace(/^["']|["']$/g, ''))
    .join(', ');

function sized(kind: string, bound: 'min' | 'max', adj: string, n: string): string {
  const num = Number(n);
  if (kind === 'string' || kind === 'characters') {
    if (bound === 'min' && adj === '>=' && num === 1) return 'Required';
    if (adj === 'exactly ') return `Exactly ${plural(n, 'character')}`;
    const limit = adj === '>' ? String(num + 1) : adj === '<' ? String(num - 1) : n;
    return `${bound === 'min' ? 'At least' : 'At most'} ${plural(limit, 'character')}`;
  }
  if (kind === 'array' || kind === 'set' || kind === 'items') {
    if (bound === 'min' && adj === '>=' && num === 1) return 'Add at least one';
    if (adj === 'exactly ') return `Exactly ${plural(n, 'item')}`;
    const limit = adj === '>' ? String(num + 1) : adj === '<' ? String(num - 1) : n;
    return `${bound === 'min' ? 'At least' : 'At most'} ${plural(limit, 'item')}`;
  }
  if (adj === '>') return `Must be greater than ${n}`;
  if (adj === '<') return `Must be less than ${n}`;
  if (adj === 'exactly ') return `Must be exactly ${n}`;
  return `${bound === 'min' ? 'At least' : 'At most'} ${n}`;
}

const RULES: ReadonlyArray<Rule> = [
  // zod
  [/^Too small: expected (\w+) to (?:have|be) (>=|>|exactly )(-?[\d.e+]+)(?: \w+)?$/, (m) => sized(m[1], 'min', m[2], m[3])],
  [/^Too big: expected (\w+) to (?:have|be) (<=|<|exactly )(-?[\d.e+]+)(?: \w+)?$/, (m) => sized(m[1], 'max', m[2], m[3])],
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, () => 'Required'],
  [/^Invalid input: expected (\w+), received \w+$/, (m) => TYPE_WORDS[m[1]] ?? `Expected ${m[1]}`],
  [/^Invalid option: expected one of (.+)$/, (m) => `Choose one of: ${listOf(m[1])}`],
  [/^Invalid input: expected (.+)$/, (m) => `Must be ${m[1]}`],
  [/^Invalid string: must match pattern .+$/, () => 'Not in the expected format'],
  [/^Invalid string: must (start with|end with|include) (.+)$/, (m) => `Must ${m[1]} ${m[2]}`],
  [/^Invalid number: must be a multiple of (.+)$/, (m) => `Must be a multiple of ${m[1]}`],
  [/^Unrecognized keys?: (.+)$/, (m) => `Unknown field: ${listOf(m[1].replace(/, /g, '|'))}`],
  [/^unknown field$/, () => 'Unknown field'],
  [/^Invalid input$/, () => 'Not a valid value'],
  [/^Invalid discriminator value\. Expected (.+)$/, (m) => `Choose one of: ${listOf(m[1])}`],
  [/^Invalid (URL|email address|UUID|ISO datetime|ISO date|ISO time|IPv4 address|IPv6 address|IPv4 range|IPv6 range|base64-encoded string|JSON string)$/, (m) => `Enter a valid ${m[1]}`],
  // ajv (plugin configs rendered from JSON Schema)
  [/^must have required property '(.+)'$/, (m) => `${m[1]} is required`],
  [/^must NOT have (fewer|more) than (\d+) (characters|items)$/, (m) => sized(m[3], m[1] === 'fewer' ? 'min' : 'max', m[1] === 'fewer' ? '>=' : '<=', m[2])],
  [/^must be (>=|<=|>|<) (-?[\d.e+]+)$/, (m) => sized('number', m[1].startsWith('>') ? 'min' : 'max', m[1], m[2])],
  [/^must be (integer|number|string|boolean|array|object)$/, (m) => TYPE_WORDS[m[1]] ?? `Expected ${m[1]}`],
  [/^must be equal to one of the allowed values$/, () => 'Choose one of the allowed values'],
  [/^must be equal to constant$/, () => 'Not the allowed value'],
  [/^must match pattern ".+"$/, () => 'Not in the expected format'],
  [/^must match format "(.+)"$/, (m) => `Enter a valid ${m[1]}`],
  [/^must be multiple of (.+)$/, (m) => `Must be a multiple of ${m[1]}`],
  [/^must NOT have additional properties$/, () => 'Unknown field'],
];

export function humanizeMessage(message: string): string {
  const text = message.trim();
  for (const [re, say] of RULES) {
    const m = text.match(re);
    if (m) return say(m);
  }
  return message;
}
