// Static reading of inline scripts: undo the usual obfuscation layers (\x and \u escapes, %xx,
// String.fromCharCode lists, base64) as text only, then look for the search-engine redirect pattern.
// Nothing here evaluates page code.

const MAX_SCRIPT_CHARS = 16_000;

function decodeEscapes(s: string): string {
  return s
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u\{?([0-9a-f]{4})\}?/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function decodeCharCodes(s: string): string {
  return s.replace(/String\s*\.\s*fromCharCode\s*\(\s*([\d\s,x a-f]+)\)/gi, (whole, list: string) => {
    const codes = list.split(',').map((c) => Number(c.trim()));
    if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 0xffff)) return whole;
    return JSON.stringify(String.fromCharCode(...codes));
  });
}

function decodeBase64Literals(s: string): string {
  return s.replace(/atob\s*\(\s*(['"])([A-Za-z0-9+/=]{8,})\1\s*\)/g, (whole, _q: string, b64: string) => {
    try {
      return JSON.stringify(Buffer.from(b64, 'base64').toString('latin1'));
    } catch {
      return whole;
    }
  });
}

const OBFUSCATION = /\beval\s*\(|String\s*\.\s*fromCharCode|\bunescape\s*\(|\\x[0-9a-f]{2}|\batob\s*\(|function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\)/i;

export interface ScriptReading {
  decoded: string;
  obfuscated: boolean;
  readsReferrer: boolean;
  readsSpiderUa: boolean;
  testsSearchEngine: boolean;
  navigates: boolean;
  urls: string[]; // absolute or protocol-relative URLs written in the (decoded) code
}

const SEARCH_ENGINE = /baidu|google|sogou|so\.com|sm\.cn|bing|360|yahoo|soso|youdao|haosou|toutiao/i;
const SPIDER_NAMES = /baiduspider|googlebot|sogou|360spider|bingbot|yisouspider|bytespider/i;
const NAVIGATION =
  /(?:window|top|self|parent|document)\s*\.\s*location\s*(?:\.\s*href\s*)?=|(?:^|[^.\w])location\s*(?:\.\s*href\s*)?=(?!=)|location\s*\.\s*(?:replace|assign)\s*\(|window\s*\.\s*open\s*\(|document\s*\.\s*write(?:ln)?\s*\([^)]*(?:http-equiv\s*=?\s*\\?['"]?refresh|<\s*script[^>]*src|<\s*iframe)/i;
const URL_IN_CODE = /(?:https?:)?\/\/[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?::\d+)?[^\s'"`<>)\\]*/gi;

export function readScript(code: string): ScriptReading {
  const raw = code.slice(0, MAX_SCRIPT_CHARS);
  const obfuscated = OBFUSCATION.test(raw);
  let decoded = raw;
  // Layers are often nested; three passes cover what spam kits ship.
  for (let i = 0; i < 3; i++) {
    const next = decodeBase64Literals(decodeCharCodes(decodeEscapes(decoded)));
    if (next === decoded) break;
    decoded = next;
  }
  // Packed code (eval(function(p,a,c,k,e,d){…}('…','a|b|referrer'.split('|')))) keeps its identifiers
  // as a word table: judge the tokens, not the syntax.
  const packed = /function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k/i.test(raw);
  const readsReferrer = packed ? /referrer/i.test(decoded) : /document\s*\.\s*referrer|\[\s*['"]referrer['"]\s*\]/i.test(decoded);
  const readsSpiderUa = /userAgent/i.test(decoded) && SPIDER_NAMES.test(decoded);
  const navigates = packed ? /location|href|replace/i.test(decoded) : NAVIGATION.test(decoded);
  const urls = [...new Set(decoded.match(URL_IN_CODE) ?? [])].slice(0, 20);
  return {
    decoded,
    obfuscated,
    readsReferrer,
    readsSpiderUa,
    testsSearchEngine: SEARCH_ENGINE.test(decoded),
    navigates,
    urls,
  };
}

// Scripts that look at who is visiting or move the visitor: worth rendering in a browser to see what they do.
const RENDER_HINT = /navigator\s*\.\s*userAgent|\[\s*['"]userAgent['"]\s*\]|location\s*\.\s*(?:href|replace)|window\s*\.\s*location\s*=/i;

/**
 * Whether a page's inline script deserves a browser render (and a re-fetch as a spider): after the same
 * deobfuscation readScript does, it reads the referrer or the user agent, or sets the location. Broader than the
 * malicious-redirect verdict on purpose (rendering shows what the code really does), and judged on the decoded
 * code, so an escaped or packed redirect is rendered like a plain one.
 */
export function scriptWantsRendering(code: string): boolean {
  const r = readScript(code);
  return r.readsReferrer || RENDER_HINT.test(r.decoded);
}

/** An absolute URL for a URL as written in code ('//x.com/a' → 'http://x.com/a'). */
export function absoluteUrl(written: string, base: string): string | undefined {
  try {
    return new URL(written, base).href;
  } catch {
    return undefined;
  }
}
