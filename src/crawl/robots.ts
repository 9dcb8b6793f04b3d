// robots.txt parsing (RFC 9309): groups by User-agent, Allow/Disallow with `*` and `$`,
// longest match wins and Allow wins a tie. Input is hostile: bounded by size and rule count.

export interface RobotsRules {
  isAllowed(pathAndQuery: string, userAgent?: string): boolean;
  sitemaps: string[];
  /** The `User-agent: *` group forbids the whole site. */
  disallowsAll: boolean;
  crawlDelaySec?: number;
}

interface Rule {
  allow: boolean;
  pattern: string; // as written (percent-normalised); its length ranks the match
  /** Wildcard form for matching: `$` removed, a trailing `*` added unless anchored. null = plain prefix. */
  glob: string | null;
}

interface Group {
  agents: string[]; // lower-cased product tokens
  rules: Rule[];
  crawlDelaySec?: number;
}

const MAX_ROBOTS_CHARS = 500 * 1024; // RFC 9309 §2.5: parse at least 500 KiB
const MAX_RULES = 2000; // real files have a few hundred at most; bounds the per-URL matching cost
const MAX_PATH_CHARS = 4096;
const MAX_SITEMAPS = 1000;

function compileRule(allow: boolean, rawPattern: string): Rule {
  const pattern = normalisePercent(rawPattern);
  if (!pattern.includes('*') && !pattern.endsWith('$')) return { allow, pattern, glob: null };
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  return { allow, pattern, glob: anchored ? body : body + '*' };
}

/**
 * Whole-string match of a `*` wildcard pattern, with single-star backtracking: O(path × pattern) at worst.
 * A regex here would backtrack exponentially on hostile patterns such as `/*a*a*a*a*b`.
 */
function globMatch(glob: string, path: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < path.length) {
    if (j < glob.length && glob.charCodeAt(j) !== 42 /* * */ && glob.charCodeAt(j) === path.charCodeAt(i)) {
      i++;
      j++;
    } else if (j < glob.length && glob.charCodeAt(j) === 42) {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (j < glob.length && glob.charCodeAt(j) === 42) j++;
  return j === glob.length;
}

/** Upper-case percent escapes and escape non-ASCII so patterns and paths compare alike. */
function normalisePercent(s: string): string {
  let out = s.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(out)) {
    out = out.replace(/[^\x00-\x7f]+/g, (m) => encodeURIComponent(m));
  }
  return out;
}

function ruleMatches(rule: Rule, path: string): boolean {
  return rule.glob !== null ? globMatch(rule.glob, path) : path.startsWith(rule.pattern);
}

export function parseRobots(text: string): RobotsRules {
  let input = text;
  if (input.length > MAX_ROBOTS_CHARS) {
    // Cut at a line end: a rule cut in half would mean something else (`Disallow: /*a*` from `/*a*b`).
    input = input.slice(0, MAX_ROBOTS_CHARS);
    const lastBreak = Math.max(input.lastIndexOf('\n'), input.lastIndexOf('\r'));
    input = lastBreak >= 0 ? input.slice(0, lastBreak) : '';
  }
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  let ruleCount = 0;

  for (const rawLine of input.split(/\r\n|\r|\n/)) {
    const hash = rawLine.indexOf('#');
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();

    if (key === 'user-agent' || key === 'useragent' || key === 'user agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap' || key === 'site-map') {
      if (value && sitemaps.length < MAX_SITEMAPS) sitemaps.push(value);
      continue; // sitemap lines do not end a group
    }
    lastWasAgent = false;
    if (!current) continue; // rules before any User-agent are ignored
    if (key === 'allow' || key === 'disallow' || key === 'dissallow' || key === 'disalow') {
      if (ruleCount >= MAX_RULES) continue;
      // An empty Disallow means "allow everything": it adds no rule.
      if (!value) continue;
      const allow = key === 'allow';
      if (current.rules.some((r) => r.allow === allow && r.pattern === value)) continue;
      current.rules.push(compileRule(allow, value));
      ruleCount++;
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelaySec = n;
    }
  }

  const groupFor = (userAgent: string | undefined): Group[] => {
    if (userAgent) {
      // Product token: the part before '/', e.g. 'Baiduspider/2.0' → 'baiduspider'.
      const token = userAgent.toLowerCase();
      const matched = groups.filter((g) =>
        g.agents.some((a) => a !== '*' && a.length > 0 && (token.startsWith(a) || token.includes(a))),
      );
      if (matched.length) return matched;
    }
    return groups.filter((g) => g.agents.includes('*'));
  };

  const decide = (rules: Rule[], path: string): boolean => {
    let best: Rule | null = null;
    for (const rule of rules) {
      if (!ruleMatches(rule, path)) continue;
      if (
        !best ||
        rule.pattern.length > best.pattern.length ||
        (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
      ) {
        best = rule;
      }
    }
    return best ? best.allow : true;
  };

  const cache = new Map<string, Rule[]>();
  const rulesFor = (userAgent: string | undefined): Rule[] => {
    const key = userAgent ?? '*';
    let rules = cache.get(key);
    if (!rules) {
      rules = groupFor(userAgent).flatMap((g) => g.rules);
      if (cache.size < 64) cache.set(key, rules);
    }
    return rules;
  };

  const starGroups = groups.filter((g) => g.agents.includes('*'));
  const starRules = starGroups.flatMap((g) => g.rules);
  const disallowsAll =
    starRules.some((r) => !r.allow && (r.pattern === '/' || r.pattern === '/*' || r.pattern === '*')) &&
    !starRules.some((r) => r.allow && r.pattern !== '/robots.txt');
  const delay = starGroups.find((g) => g.crawlDelaySec !== undefined)?.crawlDelaySec;

  return {
    isAllowed(pathAndQuery: string, userAgent?: string): boolean {
      let path = pathAndQuery || '/';
      if (!path.startsWith('/')) {
        try {
          const u = new URL(path);
          path = u.pathname + u.search;
        } catch {
          path = '/' + path;
        }
      }
      if (path === '/robots.txt') return true;
      if (path.length > MAX_PATH_CHARS) path = path.slice(0, MAX_PATH_CHARS);
      return decide(rulesFor(userAgent), normalisePercent(path));
    },
    sitemaps,
    disallowsAll,
    ...(delay !== undefined ? { crawlDelaySec: delay } : {}),
  };
}
