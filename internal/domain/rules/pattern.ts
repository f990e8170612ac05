import { RE2JS, RE2JSException } from 're2js';

/**
 * Rule patterns come from group admins and run on every group message, so they run on RE2
 * (re2js, pure JS: no native build) whose matching time is linear in the message length, never
 * on V8's backtracking engine where `(a+)+$` against a long message can stall the bot's event
 * loop. Admins still write JavaScript regex syntax, matched case-insensitively over Unicode as
 * with the `iu` flags; what only backtracking can run (lookaround, backreferences) is refused
 * with the reason, when the rule is written.
 *
 * Known differences from V8 on accepted patterns: `\s` is ASCII whitespace only and `.` also
 * matches `\r`, U+2028 and U+2029.
 */
export interface TextPattern {
  /** Whether the pattern occurs anywhere in `text`. */
  test(text: string): boolean;
}

export type PatternResult = { ok: true; pattern: TextPattern } | { ok: false; reason: string };

const FLAGS = RE2JS.CASE_INSENSITIVE;
const ENGINE = 'rule patterns run on a linear-time engine (RE2), which';

/** Compiles an admin's pattern, or says why it cannot run. */
export function compileRulePattern(source: string): PatternResult {
  try {
    // Only parses: building a V8 RegExp never matches anything, so it cannot hang.
    new RegExp(source, 'u');
  } catch (e) {
    return { ok: false, reason: `pattern is not a valid regular expression: ${(e as Error).message}` };
  }
  const unsupported = backtrackingOnly(source);
  if (unsupported) return { ok: false, reason: `${ENGINE} does not support ${unsupported}` };
  try {
    return { ok: true, pattern: RE2JS.compile(RE2JS.translateRegExp(normalizeProperties(source)), FLAGS) };
  } catch (e) {
    // RE2 caps repetition counts at 1000 (nested counts multiply) and the compiled program's size.
    if (e instanceof RE2JSException) return { ok: false, reason: `${ENGINE} refuses this pattern: ${e.message}` };
    throw e;
  }
}

/** `keyword` as a whole word: not inside a longer run of letters, digits or underscores. */
export function keywordPattern(keyword: string): TextPattern {
  const edge = '[^\\p{L}\\p{N}_]';
  return RE2JS.compile(`(?:^|${edge})${RE2JS.quote(keyword)}(?:$|${edge})`, FLAGS);
}

/**
 * The first construct in a (valid, `u`-mode) JS pattern that needs a backtracking engine,
 * named for the admin, or undefined. Its own scan because re2js's JS-to-RE2 translation
 * silently turns `\k<name>` into the literal `k<name>` rather than refusing it.
 */
function backtrackingOnly(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      // In `u` mode a digit escape inside a class is a syntax error, so outside one it is a backreference.
      if (!inClass && /[1-9]/.test(next)) return `backreferences \`\\${next}\``;
      if (!inClass && next === 'k') return 'named backreferences `\\k<name>`';
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(' && source[i + 1] === '?') {
      const kind = source.slice(i + 2, i + 4);
      if (kind.startsWith('=') || kind.startsWith('!')) return `lookahead \`${source.slice(i, i + 3)}\``;
      if (kind === '<=' || kind === '<!') return `lookbehind \`${source.slice(i, i + 4)}\``;
    }
  }
  return undefined;
}

/** JS spells a script or category `\p{Script=Greek}` / `\p{sc=Greek}` / `\p{gc=Lu}`; RE2 only `\p{Greek}`. */
const normalizeProperties = (source: string) =>
  source.replace(/(\\\\)|\\([pP])\{(?:Script|sc|General_Category|gc)=([A-Za-z_]+)\}/g, (all, escaped: string | undefined, p: string, name: string) =>
    escaped ? all : `\\${p}{${name}}`,
  );
