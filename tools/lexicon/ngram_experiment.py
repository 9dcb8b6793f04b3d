#!/usr/bin/env python3
"""Issue 7 item 5, first experiment: can a character n-gram model catch one-character slips that no list has?

Model: counts of 1..5-character n-grams over LawRefBook/Laws (every file not taken into corpus/, ~20M characters)
plus corpus/real. Candidate corrections: characters of the same toneless pinyin (pinyin-pro, every reading).
A window of 2..4 characters is a suspect when (1) replacing one character by a homophone gives a frequent phrase
(count >= MINW; 3- and 4-grams only when no longer n-gram covers > 80 % of them), (2) the written character makes
pairs never seen with its neighbours inside the window and (at the window's edge) outside it, (3) it is not a
function word or numeral. Thresholds are tried on corpus/heldout (never on corpus/real).

Run from the repository root:
  python3 tools/lexicon/ngram_experiment.py /work/.mirror/LawRefBook+Laws/repo 2f4c5c23716267af9dbebbbbd6cbbf732b101981 [MINW ...]
Prints, per MINW: suspects on corpus/heldout (false alarms per 100,000 characters), on corpus/real, and how many
planted (corpus/planted/wording-errors.tsv, typo rows) and published (corpus/planted/published-slips.tsv) slips it finds."""
import collections, json, os, re, subprocess, sys

HAN = re.compile(r'[\u4e00-\u9fff]+')
STOP = set('的了是在和与及或而且之其亦即系乃于以为被把将对向从由就也都又还再则但并等着过得地所这那此该每各某一二三四五六七八九十百千万亿零两几第')
MINH = 500      # a candidate correction must be a common character
CLOSE = 0.8     # a 3/4-gram mostly inside one longer n-gram is a piece, not a phrase


def corpus_texts(d):
    for f in sorted(os.listdir(d)):
        t = open(os.path.join(d, f), encoding='utf-8').read()
        yield f, t[t.index('\n---\n') + 5:]


def training_texts(git_dir, commit):
    used = {l.split('\t')[3].strip() for l in open('tools/corpus/lawrefbook-list.tsv', encoding='utf-8') if l.strip() and not l.startswith('#')}
    tree = subprocess.run(['git', '--git-dir', git_dir, '-c', 'core.quotepath=off', 'ls-tree', '-r', '--name-only', commit], capture_output=True, check=True, text=True).stdout.split('\n')
    paths = [p for p in tree if p.endswith('.md') and '/' in p and not p.endswith('_index.md') and not p.startswith('scripts') and p not in used]
    out = subprocess.run(['git', '--git-dir', git_dir, 'cat-file', '--batch'], input=''.join(f'{commit}:{p}\n' for p in paths).encode(), capture_output=True, check=True).stdout
    i = 0
    while i < len(out):
        nl = out.index(b'\n', i)
        size = int(out[i:nl].split()[2])
        yield out[nl + 1:nl + 1 + size].decode('utf-8', 'replace')
        i = nl + 1 + size + 1
    for _, t in corpus_texts('corpus/real'):
        yield t


def count(texts):
    cnt = collections.Counter()
    for t in texts:
        for run in HAN.findall(t):
            for n in range(1, 6):
                for k in range(len(run) - n + 1):
                    cnt[run[k:k + n]] += 1
    return cnt


def readings(chars):
    js = "const {pinyin}=require('pinyin-pro');let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const o={};for(const c of s)o[c]=pinyin(c,{toneType:'none',type:'array',multiple:true});process.stdout.write(JSON.stringify(o))})"
    return json.loads(subprocess.run(['node', '-e', js], input=''.join(chars).encode(), capture_output=True, check=True).stdout)


def detector(cnt, py, minw):
    longest_right, longest_left = collections.Counter(), collections.Counter()
    for g, v in cnt.items():
        if 3 <= len(g) <= 5:
            longest_right[g[:-1]] = max(longest_right[g[:-1]], v)
            longest_left[g[1:]] = max(longest_left[g[1:]], v)
    masked = collections.defaultdict(list)
    for g, v in cnt.items():
        if len(g) in (2, 3, 4) and v >= minw and (len(g) == 2 or (longest_right[g] <= CLOSE * v and longest_left[g] <= CLOSE * v)):
            for j in range(len(g)):
                masked[g[:j] + '?' + g[j + 1:]].append(g)
    same = lambda a, b: bool(set(py.get(a, [])) & set(py.get(b, [])))

    def detect(text):
        out = []
        for run in HAN.findall(text):
            for n in (2, 3, 4):
                for k in range(len(run) - n + 1):
                    w = run[k:k + n]
                    if cnt.get(w, 0):
                        continue
                    for j, c in enumerate(w):
                        if c in STOP:
                            continue
                        pairs = ([w[j - 1] + c] if j > 0 else [run[k - 1] + c] if k > 0 else []) + ([c + w[j + 1]] if j < n - 1 else [c + run[k + n]] if k + n < len(run) else [])
                        if any(cnt.get(p, 0) for p in pairs):
                            continue
                        for g in masked.get(w[:j] + '?' + w[j + 1:], ()):
                            if cnt.get(g[j], 0) >= MINH and same(c, g[j]):
                                out.append((w, g, cnt[g]))
        return out
    return detect


def main():
    git_dir, commit, *minws = sys.argv[1:]
    cnt = count(training_texts(git_dir, commit))
    planted = [l.split('\t')[:2] for l in open('corpus/planted/wording-errors.tsv', encoding='utf-8') if l.strip() and not l.startswith('#') and l.split('\t')[2] == 'typo']
    published = [l.split('\t')[:2] for l in open('corpus/planted/published-slips.tsv', encoding='utf-8') if l.strip() and not l.startswith('#')]
    py = readings({c for g in cnt if len(g) == 1 for c in g} | {c for w, r in planted + published for c in w + r})
    for w, r in published:
        diff = [(a, b) for a, b in zip(w, r) if a != b]
        kind = 'homophone' if len(w) == len(r) and len(diff) == 1 and set(py.get(diff[0][0], [])) & set(py.get(diff[0][1], [])) else 'other'
        print(f'published {w}->{r}: {kind}')
    held = list(corpus_texts('corpus/heldout'))
    real = list(corpus_texts('corpus/real'))
    held_chars = sum(len(t) for _, t in held)
    for minw in map(int, minws or ['30', '100']):
        detect = detector(cnt, py, minw)
        fa = [(f, h) for f, t in held for h in detect(t)]
        print(f'MINW={minw}: heldout {len(fa)} suspects ({len(fa) * 100000 / held_chars:.1f} per 100k chars); real {sum(len(detect(t)) for _, t in real)};',
              f'planted {sum(1 for w, _ in planted if detect("2026年，" + w + "相关工作持续推进。"))}/{len(planted)};',
              f'published {sum(1 for w, _ in published if detect("记者了解到，" + w + "的情况已经处理。"))}/{len(published)}')
        for f, h in fa[:10]:
            print('   ', f, h)


if __name__ == '__main__':
    main()
