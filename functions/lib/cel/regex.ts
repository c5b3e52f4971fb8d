// `string.matches(pattern)` for selectors: RE2 syntax (what Kubernetes evaluates), run on V8's
// linear-time regexp engine so that no pattern can backtrack catastrophically.
//
// The linear engine is V8's experimental `l` flag; enabling it only makes that flag available and
// changes nothing for other regular expressions in the process. RE2 features without a JavaScript
// equivalent, and JavaScript features RE2 rejects (backreferences, lookaround), are errors.
// If the engine cannot be enabled (a future Node without it), `matches` is rejected at compile time
// rather than run on a backtracking engine.
import v8 from 'node:v8';

function enableLinearEngine(): boolean {
  try {
    v8.setFlagsFromString('--enable-experimental-regexp-engine');
    // `l` (linear) is V8's experimental flag, unknown to the linter's flag list.
    // eslint-disable-next-line no-invalid-regexp
    return new RegExp('a', 'l').test('a');
  } catch {
    return false;
  }
}

export const LINEAR_REGEX_AVAILABLE = enableLinearEngine();

/** RE2's bound on counted repetition. */
const MAX_REPEAT = 1000;

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

type Translated = { source: string; flags: string } | { error: string };
type Piece = { text: string; end: number } | { error: string };

const isLetter = (c: string) => /^[A-Za-z]$/.test(c);
const swapCase = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** An escape sequence at `i` (pattern[i] is the backslash), translated. */
function escape(pattern: string, i: number, inClass: boolean, multiline: boolean): Piece {
  const n = pattern[i + 1];
  if (n === undefined) return { error: 'trailing backslash' };
  if (/[1-9]/.test(n) || n === 'k') return { error: 'backreferences are not supported' };
  if ('pPQECX'.includes(n) || (n === 'x' && pattern[i + 2] === '{')) return { error: `\\${n} is not supported` };
  if (n === 'A' || n === 'z') {
    if (inClass || multiline) return { error: `\\${n} is not supported here` };
    return { text: n === 'A' ? '^' : '$', end: i + 2 };
  }
  const hex = n === 'x' ? 2 : n === 'u' ? 4 : 0; // keep \xHH and \uHHHH whole
  return { text: pattern.slice(i, i + 2 + hex), end: i + 2 + hex };
}

/** A bracketed class starting at `i`; with `fold`, letters match both cases. */
function charClass(pattern: string, i: number, fold: boolean): Piece {
  let text = '[';
  let extra = '';
  let j = i + 1;
  if (pattern[j] === '^') text += pattern[j++];
  if (pattern[j] === ']') text += `\\${pattern[j++]}`; // a leading ] is literal in RE2
  for (; j < pattern.length && pattern[j] !== ']';) {
    const c = pattern[j]!;
    if (c === '\\') {
      const e = escape(pattern, j, true, false);
      if ('error' in e) return e;
      text += e.text;
      j = e.end;
      continue;
    }
    if (c === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      const name = close === -1 ? '' : pattern.slice(j + 2, close);
      if (!Object.hasOwn(POSIX_CLASSES, name)) return { error: 'unknown POSIX character class' };
      text += POSIX_CLASSES[name];
      j = close + 2;
      continue;
    }
    const hi = pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']' ? pattern[j + 2]! : undefined;
    if (hi !== undefined && hi !== '\\') {
      text += `${c}-${hi}`;
      if (fold) extra += foldRange(c.charCodeAt(0), hi.charCodeAt(0));
      j += 3;
      continue;
    }
    text += c;
    if (fold && isLetter(c)) extra += swapCase(c);
    j++;
  }
  if (j >= pattern.length) return { error: 'missing closing ]' };
  return { text: `${text}${extra}]`, end: j + 1 };
}

function foldRange(lo: number, hi: number): string {
  let out = '';
  const add = (a: number, b: number, shift: number) => {
    if (a <= b) out += `${String.fromCharCode(a + shift)}-${String.fromCharCode(b + shift)}`;
  };
  add(Math.max(lo, 65), Math.min(hi, 90), 32); // A-Z -> a-z
  add(Math.max(lo, 97), Math.min(hi, 122), -32); // a-z -> A-Z
  return out;
}

/** Translates an RE2 pattern to JavaScript source + flags, or explains why it cannot. */
export function translateRe2(pattern: string): Translated {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    if (lead[1]!.includes('U')) return { error: 'the U (ungreedy) flag is not supported' };
    flags = [...new Set(lead[1])].join('');
    i = lead[0].length;
  }
  // The linear engine has no case-insensitive mode: (?i) is rewritten into both-case classes.
  const fold = flags.includes('i');
  flags = flags.replace('i', '');
  let out = '';
  while (i < pattern.length) {
    const c = pattern[i]!;
    let piece: Piece;
    if (c === '\\') piece = escape(pattern, i, false, flags.includes('m'));
    else if (c === '[') piece = charClass(pattern, i, fold);
    else if (c === '(' && pattern[i + 1] === '?') {
      const kind = pattern.slice(i + 2, i + 4);
      if (kind[0] === ':') piece = { text: '(?:', end: i + 3 };
      else if (kind === 'P<') piece = { text: '(?<', end: i + 4 };
      else if (kind[0] === '<' && kind[1] !== '=' && kind[1] !== '!') piece = { text: '(?<', end: i + 3 };
      else piece = { error: 'lookaround and inline flags are not supported' };
      if (!('error' in piece) && piece.text === '(?<') {
        const close = pattern.indexOf('>', piece.end);
        if (close === -1) return { error: 'unterminated group name' };
        piece = { text: pattern.slice(i, close + 1).replace('(?P<', '(?<'), end: close + 1 };
      }
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
      if (m && (Number(m[1]) > MAX_REPEAT || (m[3] && Number(m[3]) > MAX_REPEAT))) {
        return { error: `repetition count above ${MAX_REPEAT}` };
      }
      piece = { text: m ? m[0] : c, end: i + (m ? m[0].length : 1) };
    } else if (fold && isLetter(c)) piece = { text: `[${c}${swapCase(c)}]`, end: i + 1 };
    else piece = { text: c, end: i + 1 };
    if ('error' in piece) return piece;
    out += piece.text;
    i = piece.end;
  }
  return { source: out, flags };
}

/** Compiles an RE2 pattern for `matches`; a string explains why it cannot be used. */
export function compileRe2(pattern: string): RegExp | string {
  if (!LINEAR_REGEX_AVAILABLE) return 'regular expressions need the linear-time engine, unavailable in this runtime';
  const t = translateRe2(pattern);
  if ('error' in t) return `invalid regular expression ${JSON.stringify(pattern)}: ${t.error}`;
  try {
    return new RegExp(t.source, `${t.flags}l`);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    return `invalid regular expression ${JSON.stringify(pattern)}: ${why}`;
  }
}

/** A small per-program cache for patterns computed at run time. */
export class RegexCache {
  private readonly cache = new Map<string, RegExp | string>();

  get(pattern: string): RegExp | string {
    let re = this.cache.get(pattern);
    if (re === undefined) {
      re = compileRe2(pattern);
      if (this.cache.size >= 32) this.cache.clear();
      this.cache.set(pattern, re);
    }
    return re;
  }
}
