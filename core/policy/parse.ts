/**
 * Parsers for the text each platform hands us, all plain functions over strings (tested with fixtures):
 * `reg query` output (Windows), XML property lists (macOS managed preferences, after `plutil -convert xml1` for
 * binary ones) and JSON (Linux). They return raw values; core/policy/policy.ts validates them key by key.
 */

export type RawValue = string | number | boolean | RawValue[] | { [key: string]: RawValue } | null;

export class PolicyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

/** One value of `reg query`: its type as the registry names it and its data. */
export interface RegValue {
  type: string;
  data: string | number | string[];
}

/**
 * Reads the output of `reg query "HKLM\Software\Policies\Bedside"`: the values directly under the key (subkeys are
 * ignored). Value names are matched case-insensitively later, as the registry does.
 *
 *     HKEY_LOCAL_MACHINE\Software\Policies\Bedside
 *         updateMode    REG_SZ    auto
 *         autoLockMaxMinutes    REG_DWORD    0x1e
 *         allowedModels    REG_MULTI_SZ    whisper-base.en\0whisper-small.en
 */
export function parseRegQuery(text: string): Map<string, RegValue> {
  const out = new Map<string, RegValue>();
  let inKey = false;
  let seenKey = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      // The first key header is ours; a later one is a subkey (reg query /s), whose values are not policy values.
      inKey = !seenKey;
      seenKey = true;
      continue;
    }
    if (!inKey) continue;
    const m = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line);
    if (!m) continue;
    const [, name, type, data = ''] = m as unknown as [string, string, string, string | undefined];
    if (type === 'REG_DWORD' || type === 'REG_QWORD') {
      const n = /^0x[0-9a-f]+$/i.test(data.trim()) ? Number.parseInt(data.trim().slice(2), 16) : Number.NaN;
      out.set(name, { type, data: n });
    } else if (type === 'REG_MULTI_SZ') {
      out.set(name, { type, data: data === '' ? [] : data.split('\\0').filter((s) => s !== '') });
    } else out.set(name, { type, data });
  }
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/**
 * Reads an XML property list (the subset Apple's plist DTD defines: dict, array, string, integer, real, true, false,
 * date, data). Throws PolicyParseError, in words, on anything else.
 */
export function parsePlistXml(text: string): RawValue {
  const src = text.replace(/<!--[\s\S]*?-->/g, '');
  const tokens: { tag: string; close: boolean; self: boolean; text: string }[] = [];
  const re = /<(\/?)([A-Za-z]+)[^>]*?(\/?)>|<\?[\s\S]*?\?>|<![^>]*>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const between = src.slice(last, m.index);
    if (between.trim() !== '') tokens.push({ tag: '#text', close: false, self: false, text: between });
    else if (between !== '') tokens.push({ tag: '#space', close: false, self: false, text: between });
    last = re.lastIndex;
    if (m[2] === undefined) continue; // <?xml …?> and <!DOCTYPE …>
    tokens.push({ tag: m[2], close: m[1] === '/', self: m[3] === '/', text: '' });
  }
  if (src.slice(last).trim() !== '') throw new PolicyParseError('text after the end of the property list');
  let i = 0;
  const peek = () => {
    while (tokens[i]?.tag === '#space') i++;
    return tokens[i];
  };
  const expectClose = (tag: string) => {
    const t = peek();
    if (!t || !t.close || t.tag !== tag) throw new PolicyParseError(`<${tag}> is not closed`);
    i++;
  };
  const textUntil = (tag: string): string => {
    let s = '';
    while (tokens[i] && (tokens[i]!.tag === '#text' || tokens[i]!.tag === '#space')) s += tokens[i++]!.text;
    const t = tokens[i];
    if (!t || !t.close || t.tag !== tag) throw new PolicyParseError(`<${tag}> is not closed`);
    i++;
    return decodeEntities(s);
  };
  const value = (): RawValue => {
    const t = peek();
    if (!t || t.close || t.tag === '#text') throw new PolicyParseError('a value was expected');
    i++;
    switch (t.tag) {
      case 'string':
        return t.self ? '' : textUntil('string');
      case 'date':
      case 'data':
        return t.self ? '' : textUntil(t.tag).trim();
      case 'integer': {
        const s = t.self ? '' : textUntil('integer').trim();
        if (!/^[+-]?\d+$/.test(s)) throw new PolicyParseError(`<integer> holds "${s.slice(0, 40)}"`);
        return Number(s);
      }
      case 'real': {
        const n = Number(t.self ? '' : textUntil('real').trim());
        if (!Number.isFinite(n)) throw new PolicyParseError('<real> is not a number');
        return n;
      }
      case 'true':
      case 'false':
        if (!t.self) expectClose(t.tag);
        return t.tag === 'true';
      case 'array': {
        const out: RawValue[] = [];
        if (t.self) return out;
        while (!peek()?.close) out.push(value());
        expectClose('array');
        return out;
      }
      case 'dict': {
        const out: Record<string, RawValue> = {};
        if (t.self) return out;
        for (;;) {
          const k = peek();
          if (!k) throw new PolicyParseError('<dict> is not closed');
          if (k.close) break;
          if (k.tag !== 'key' || k.self) throw new PolicyParseError('a <key> was expected in <dict>');
          i++;
          const key = textUntil('key');
          out[key] = value();
        }
        expectClose('dict');
        return out;
      }
      default:
        throw new PolicyParseError(`<${t.tag}> is not a property list element`);
    }
  };
  const first = peek();
  if (!first || first.tag !== 'plist' || first.close) throw new PolicyParseError('not a property list (no <plist>)');
  i++;
  const root = value();
  expectClose('plist');
  if (peek()) throw new PolicyParseError('more than one value in the property list');
  return root;
}

/** JSON with its error in words. */
export function parseJsonText(text: string): RawValue {
  try {
    return JSON.parse(text) as RawValue;
  } catch (err) {
    throw new PolicyParseError(`not valid JSON (${err instanceof Error ? err.message : 'parse error'})`);
  }
}
