#!/usr/bin/env python3
"""Builds dict/charmodel.bin.gz, the data of the statistical typo check (issue 7 item 5).

What it holds: character unigram counts and character bigram counts (count >= 2) over government news prose
(新闻联播 transcripts, 2022-2026) and statutes (LawRefBook files not taken into corpus/), and for every
common character the characters an input method confuses it with: the same or a near toneless pinyin (pinyin-pro,
every reading) and a near shape (Unihan kCangjie one edit apart, kFourCornerCode one digit apart).

The test corpus stays out: every sentence that also occurs in corpus/real or corpus/heldout is dropped, and
one news day in 20 is written to TUNE (outside the repository) instead of being counted, to tune thresholds on.

Run from the repository root (sources are snapshots taken with the search tool's `fetch`; see dict/SOURCES.md):
  python3 tools/lexicon/build_charmodel.py XWLB_GIT CCTV_NEWS_GIT LAWREFBOOK_GIT JIEBA_DICT TUNE_DIR
JIEBA_DICT is dict/dict.txt.big of the npm package jieba-js@1.0.2 (`npm pack jieba-js@1.0.2`), the word list of
the jieba project: its two-character words (frequency >= 20) mark real words, where a slip is less likely.
Format (little-endian, then gzip): b'GPCM1\\0', u32 header length, JSON header, padding to 4, then the sections
the header lists (u32 unigram[N], u32 bigram key (a<<16|b, sorted)[M], u8 bigram log-count[M], u32 candidate
offset[N+1], u16 candidate[C], u32 trigram hash (sorted)[T], u8 trigram log-count[T], u32 word key (a<<16|b, sorted)[W])."""
import bz2, collections, gzip, json, math, os, re, struct, subprocess, sys

HAN = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff]+')
SENT = re.compile(r'[。！？；!?;\n]')
MIN_TARGET = 100      # a candidate correction must be a common character
MAX_CANDIDATES = 48   # per character, the most frequent first
BIGRAM_MIN = 1        # every pair seen, so that 'never written' can be told from 'rare'
WORD_MIN = 20         # jieba frequency for a two-character word to count as a real word
TRIGRAM_MIN = 3       # trigrams seen fewer times are not stored (a lookup then says 'unseen')
INITIALS = [('zh', 'z'), ('ch', 'c'), ('sh', 's'), ('l', 'n'), ('h', 'f')]   # fuzzy pinyin of southern speakers
FINALS = [('ang', 'an'), ('eng', 'en'), ('ing', 'in')]
UNIHAN = '/usr/share/unicode'  # Debian package unicode-data


def git_files(git_dir, commit, want):
    tree = subprocess.run(['git', '--git-dir', git_dir, '-c', 'core.quotepath=off', 'ls-tree', '-r', '--name-only', commit],
                          capture_output=True, check=True, text=True).stdout.split('\n')
    paths = [p for p in tree if want(p)]
    out = subprocess.run(['git', '--git-dir', git_dir, 'cat-file', '--batch'], input=''.join(f'{commit}:{p}\n' for p in paths).encode(),
                         capture_output=True, check=True).stdout
    i, k = 0, 0
    while i < len(out):
        nl = out.index(b'\n', i)
        size = int(out[i:nl].split()[2])
        yield paths[k], out[nl + 1:nl + 1 + size].decode('utf-8', 'replace')
        i, k = nl + 1 + size + 1, k + 1


def strip_markdown(t):
    return '\n'.join(l for l in t.split('\n') if not l.startswith(('#', '<!--', '（《新闻联播》', '(《新闻联播》')))


def test_sentences():
    """Han-only keys of every sentence of the test corpus, to keep them out of the model."""
    keys = set()
    for d in ('corpus/real', 'corpus/heldout'):
        for f in os.listdir(d):
            t = open(os.path.join(d, f), encoding='utf-8').read()
            for s in SENT.split(t):
                k = ''.join(HAN.findall(s))
                if len(k) >= 6:
                    keys.add(k)
    return keys


def sources(xwlb, cctv, law):
    """(name, text, tune?) of every document: news days (one in 20 kept for tuning), then statutes."""
    days = {}
    for git in (xwlb, cctv):
        commit = subprocess.run(['git', '--git-dir', git, 'rev-parse', 'HEAD'], capture_output=True, check=True, text=True).stdout.strip()
        print(git, commit, file=sys.stderr)
        for p, t in git_files(git, commit, lambda p: re.fullmatch(r'news/\d{8}\.md', p) is not None):
            days.setdefault(p[5:13], t)  # the first repository wins for a day both hold
    for day in sorted(days):
        yield day, strip_markdown(days[day]), int(day) % 20 == 7
    used = {l.split('\t')[3].strip() for l in open('tools/corpus/lawrefbook-list.tsv', encoding='utf-8') if l.strip() and not l.startswith('#')}
    commit = subprocess.run(['git', '--git-dir', law, 'rev-parse', 'HEAD'], capture_output=True, check=True, text=True).stdout.strip()
    print(law, commit, file=sys.stderr)
    for p, t in git_files(law, commit, lambda p: p.endswith('.md') and '/' in p and not p.endswith('_index.md') and not p.startswith('scripts') and p not in used):
        yield p, strip_markdown(t), False


def count(docs, tune_dir, banned):
    uni, bi, tri = collections.Counter(), collections.Counter(), collections.Counter()
    seen, dropped, chars = set(), 0, 0
    os.makedirs(tune_dir, exist_ok=True)
    tune = open(os.path.join(tune_dir, 'tune.txt'), 'w', encoding='utf-8')
    for name, text, is_tune in docs:
        if is_tune:
            # Tuning text is held apart from the test corpus too.
            tune.write(''.join(x for x in re.split(r'(?<=[。！？；!?;\n])', text) if ''.join(HAN.findall(x)) not in banned) + '\n')
            continue
        for s in SENT.split(text):
            runs = HAN.findall(s)
            key = ''.join(runs)
            if len(key) >= 6 and (key in banned or key in seen):
                dropped += key in banned
                continue
            seen.add(key)
            for run in runs:
                chars += len(run)
                uni.update(run)
                bi.update(run[k:k + 2] for k in range(len(run) - 1))
                tri.update(run[k:k + 3] for k in range(len(run) - 2))
    print(f'{chars} characters counted; {dropped} test-corpus sentences dropped', file=sys.stderr)
    return uni, bi, tri, chars


def trigram_hash(a, b, c):
    """32-bit hash of three character indexes; the same function as trigramHash in src/text/charmodel.ts."""
    m = 0xffffffff
    h = ((a * 0x9E3779B1) & m) ^ (((b + 0x10000) * 0x85EBCA77) & m) ^ (((c + 0x20000) * 0xC2B2AE3D) & m)
    h ^= h >> 16
    h = (h * 0x7FEB352D) & m
    h ^= h >> 15
    return h


def pinyin_readings(chars):
    js = ("const {pinyin}=require('pinyin-pro');let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const o={};"
          "for(const c of s)o[c]=pinyin(c,{toneType:'none',type:'array',multiple:true});process.stdout.write(JSON.stringify(o))})")
    return json.loads(subprocess.run(['node', '-e', js], input=''.join(chars).encode(), capture_output=True, check=True).stdout)


def fuzzy_keys(py):
    """The reading and its one-step fuzzy variants (zh/z, l/n, ang/an ...)."""
    keys = {py}
    for x, y in INITIALS:
        for p, q in ((x, y), (y, x)):
            if py.startswith(p) and not (p in ('z', 'c', 's') and py.startswith(p + 'h')):
                keys.add(q + py[len(p):])
    for x, y in FINALS:
        for p, q in ((x, y), (y, x)):
            if py.endswith(p) and not (p in ('an', 'en', 'in') and py.endswith(p + 'g')):
                keys.add(py[:-len(p)] + q)
    return keys


def unihan():
    cangjie, corner = {}, {}
    for line in bz2.open(os.path.join(UNIHAN, 'Unihan_DictionaryLikeData.txt.bz2'), 'rt', encoding='utf-8'):
        p = line.rstrip('\n').split('\t')
        if len(p) < 3 or not p[0].startswith('U+'):
            continue
        c = chr(int(p[0][2:], 16))
        if p[1] == 'kCangjie':
            cangjie[c] = p[2]
        elif p[1] == 'kFourCornerCode':
            corner[c] = p[2].split()[0][:4]
    return cangjie, corner


def one_edit(a, b):
    """Cangjie codes one insertion, deletion, substitution or adjacent swap apart (codes of 2+ letters)."""
    if a == b or min(len(a), len(b)) < 2 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        return len(d) == 1 or (len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]])
    s, l = (a, b) if len(a) < len(b) else (b, a)
    return any(l[:i] + l[i + 1:] == s for i in range(len(l)))


def candidates(chars, uni):
    common = [c for c in chars if uni[c] >= MIN_TARGET]
    py = pinyin_readings(chars)
    by_sound = collections.defaultdict(set)
    for c in common:
        for r in py.get(c, []):
            for k in fuzzy_keys(r):
                by_sound[k].add(c)
    cangjie, corner = unihan()
    by_cj_del = collections.defaultdict(set)   # code with one letter deleted -> chars, for the edit-1 search
    by_corner = collections.defaultdict(set)   # four-corner code with one digit masked -> chars
    for c in common:
        code = cangjie.get(c)
        if code and len(code) >= 2:
            by_cj_del[code].add(c)
            for i in range(len(code)):
                by_cj_del[code[:i] + code[i + 1:]].add(c)
        fc = corner.get(c)
        if fc and len(fc) == 4:
            for i in range(4):
                by_corner[fc[:i] + '?' + fc[i + 1:]].add(c)
    out = {}
    for c in chars:
        cand = set()
        for r in py.get(c, []):
            cand |= by_sound.get(r, set())
        code = cangjie.get(c)
        if code and len(code) >= 2:
            keys = [code] + [code[:i] + code[i + 1:] for i in range(len(code))]
            cand |= {d for k in keys for d in by_cj_del.get(k, ()) if one_edit(code, cangjie[d])}
        fc = corner.get(c)
        if fc and len(fc) == 4:
            for i in range(4):
                cand |= by_corner.get(fc[:i] + '?' + fc[i + 1:], set())
        cand.discard(c)
        out[c] = sorted(cand, key=lambda d: -uni[d])[:MAX_CANDIDATES]
    return out


def lexicon_words(path):
    """Two-character words of the jieba word list seen at least 20 times in its source corpus."""
    words = set()
    for line in open(path, encoding='utf-8'):
        p = line.split()
        if len(p) >= 2 and len(p[0]) == 2 and HAN.fullmatch(p[0]) and int(p[1]) >= WORD_MIN:
            words.add(p[0])
    return words


def write(path, uni, bi, tri, cand, words, meta):
    chars = [c for c, _ in uni.most_common() if ord(c) < 0x10000]
    index = {c: i for i, c in enumerate(chars)}
    keys = sorted((index[g[0]] << 16 | index[g[1]], v) for g, v in bi.items() if v >= BIGRAM_MIN and g[0] in index and g[1] in index)
    sections = []
    sections.append(('unigram', 'u32', struct.pack(f'<{len(chars)}I', *(uni[c] for c in chars))))
    sections.append(('bigramKey', 'u32', struct.pack(f'<{len(keys)}I', *(k for k, _ in keys))))
    sections.append(('bigramLog', 'u8', bytes(min(255, round(8 * math.log2(v))) for _, v in keys)))
    tris = sorted({trigram_hash(index[g[0]], index[g[1]], index[g[2]]): v for g, v in tri.items()
                   if v >= TRIGRAM_MIN and all(ch in index for ch in g)}.items())
    sections.append(('trigramHash', 'u32', struct.pack(f'<{len(tris)}I', *(k for k, _ in tris))))
    sections.append(('trigramLog', 'u8', bytes(min(255, round(8 * math.log2(v))) for _, v in tris)))
    wkeys = sorted({index[w[0]] << 16 | index[w[1]] for w in words if w[0] in index and w[1] in index})
    sections.append(('wordKey', 'u32', struct.pack(f'<{len(wkeys)}I', *wkeys)))
    offs, flat = [0], []
    for c in chars:
        flat.extend(index[d] for d in cand.get(c, []) if d in index)
        offs.append(len(flat))
    sections.append(('candidateOffset', 'u32', struct.pack(f'<{len(offs)}I', *offs)))
    sections.append(('candidate', 'u16', struct.pack(f'<{len(flat)}H', *flat)))
    layout, body = [], b''
    for name, typ, data in sections:
        body += b'\0' * (-len(body) % 4)
        layout.append({'name': name, 'type': typ, 'offset': len(body), 'bytes': len(data)})
        body += data
    header = json.dumps({**meta, 'chars': ''.join(chars), 'sections': layout}, ensure_ascii=False).encode()
    head = b'GPCM1\0' + struct.pack('<I', len(header)) + header
    head += b'\0' * (-len(head) % 4)
    with open(path, 'wb') as f:
        f.write(gzip.compress(head + body, compresslevel=9, mtime=0))
    print(f'{len(tris)} trigrams, {len(wkeys)} lexicon words,', file=sys.stderr)
    print(f'{len(chars)} characters, {len(keys)} bigrams, {len(flat)} candidate links -> {os.path.getsize(path)} bytes', file=sys.stderr)


def main():
    xwlb, cctv, law, jieba, tune_dir = sys.argv[1:6]
    uni, bi, tri, chars = count(sources(xwlb, cctv, law), tune_dir, test_sentences())
    cand = candidates([c for c in uni if ord(c) < 0x10000], uni)
    write('dict/charmodel.bin.gz', uni, bi, tri, cand, lexicon_words(jieba), {'version': 3, 'trainingChars': chars, 'bigramMinCount': BIGRAM_MIN, 'trigramMinCount': TRIGRAM_MIN})


if __name__ == '__main__':
    main()
