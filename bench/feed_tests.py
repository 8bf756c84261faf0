#!/usr/bin/env python3
"""Scores gazette-index on the test feeds of Python's feedparser (its tests/ folder, not part
of Gazette: give the path of a copy). Usage:
    bench/feed_tests.py FEEDPARSER_TESTS_DIR [PATH_PREFIX...]
Binaries from $GAZETTE_BUILD_DIR (default build/); scratch files in a temporary directory.

For every file: parse the Expect expression, keep the clauses about fields Gazette stores,
index the file into a fresh db, read the stored articles back, and compare.
Two runs per scored file:
  raw   - the file as fetched
  probe - only when the raw run produced no article: a probe <title> is injected into items
          (Gazette does not index an item with nothing but an id), or a probe item is added
          to a feed without items (so feed-level title -> source can be seen).
Per-file results go to results.json in the scratch directory.
"""
import ast, datetime, email.utils, html, json, os, re, shutil, subprocess, sys, time

import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed_common import TAG_RE, make_probe, person_names, same_text, text_norm  # noqa: E402
from feed_common import run_gazette as _run_gazette  # noqa: E402

ROOT = tempfile.mkdtemp(prefix='gazette-feed-tests-')
TESTS = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(__doc__)
_build = os.environ.get('GAZETTE_BUILD_DIR', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'build'))
BIN = os.path.join(ROOT, 'bin')
os.makedirs(BIN)
shutil.copy(os.path.join(_build, 'indexer', 'gazette-index'), BIN)
shutil.copy(os.path.join(_build, 'search', 'gazette-search'), BIN)
PROBE = 'Gazette probe'

# ---------------------------------------------------------------- Expect parsing

def read_expect(data):
    text = data.decode('utf-8', errors='replace')
    m = re.search(r'Expect:\s*(.*?)\s*\n', text)
    if not m:
        return None, {}
    hdr = {}
    for k in ('Header', 'SkipUnless', 'Description'):
        mm = re.search(k + r':\s*(.*?)\s*\n', text)
        if mm:
            hdr[k] = mm.group(1)
    return m.group(1), hdr


def path_of(node):
    """entries[0]['title_detail']['value'] -> ['entries', 0, 'title_detail', 'value']"""
    out = []
    while True:
        if isinstance(node, ast.Subscript):
            sl = node.slice
            if isinstance(sl, ast.Index):  # py<3.9
                sl = sl.value
            out.append(ast.literal_eval(sl))
            node = node.value
        elif isinstance(node, ast.Attribute):
            out.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            out.append(node.id)
            break
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'len':
            inner = path_of(node.args[0])
            if inner is None:
                return None
            out.append(('len', tuple(inner)))
            return list(reversed(out))
        else:
            return None
    return list(reversed(out))


def const_eval(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return const_eval(node.left) + const_eval(node.right)
    return ast.literal_eval(node)


def is_const(node):
    if isinstance(node, (ast.Constant, ast.Tuple)):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and is_const(node.left) and is_const(node.right)


def alternatives_of(expr):
    """'A and B or C' -> [[clauses of A and B], [clauses of C]]"""
    tree = ast.parse(expr.strip(), mode='eval').body
    alts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.Or) else [tree]
    return [clauses_of(expr, a) for a in alts]


def clauses_of(expr, tree=None):
    """List of (path, expected) for each equality clause; ('other', src) for the rest."""
    if tree is None:
        tree = ast.parse(expr.strip(), mode='eval').body
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    out = []
    for p in parts:
        src = ast.get_source_segment(expr.strip(), p) or ''
        if isinstance(p, ast.Compare) and all(isinstance(o, ast.Eq) for o in p.ops):
            operands = [p.left] + list(p.comparators)
            consts = [o for o in operands if is_const(o)]
            paths = [path_of(o) for o in operands if not is_const(o)]
            if len(consts) == 1 and paths and all(x is not None for x in paths):
                try:
                    val = const_eval(consts[0])
                except Exception:
                    out.append(('other', src))
                    continue
                for pth in paths:
                    out.append((pth, val, src))
                continue
        out.append(('other', src))
    return out


DATE_KEYS = {'published': 'published', 'issued': 'published', 'created': 'published',
             'updated': 'updated', 'modified': 'updated'}


def classify(path):
    """Map a feedparser path to (category, entry_index, subkey) or None if out of scope."""
    if not path:
        return None
    if path[0] == 'feed':
        if path[1:] in (['title'], ['title_detail', 'value']):
            return ('feed_title', None, None)
        return None
    if isinstance(path[0], tuple) and path[0][0] == 'len' and path[0][1] == ('entries',):
        return ('entry_count', None, None)
    if path[0] != 'entries' or len(path) < 3 or not isinstance(path[1], int):
        return None
    n, rest = path[1], path[2:]
    k = rest[0]
    if rest in (['title'], ['title_detail', 'value']):
        return ('title', n, None)
    if rest == ['link']:
        return ('link', n, None)
    if rest in (['author'], ['author_detail', 'name']) or (k == 'authors' and len(rest) == 3 and rest[2] == 'name'):
        return ('author', n, None)
    base = k[:-7] if isinstance(k, str) and k.endswith('_parsed') else k
    if base in DATE_KEYS and len(rest) == 1:
        return ('date', n, base)
    if rest in (['summary'], ['description'], ['summary_detail', 'value']):
        return ('summary', n, None)
    if len(rest) == 3 and k == 'content' and rest[2] == 'value':
        return ('content', n, None)
    if rest in (['id'], ['guid']):
        return ('id', n, None)
    if rest == ['category'] or (k == 'tags' and len(rest) == 3 and rest[2] == 'term'):
        return ('tags', n, None)
    if rest == ['language'] or (len(rest) == 2 and rest[1] == 'language' and k in ('title_detail', 'summary_detail')) \
            or (len(rest) == 3 and k == 'content' and rest[2] == 'language'):
        return ('language', n, None)
    return None

# ---------------------------------------------------------------- comparisons

def parse_date(v):
    """expected value -> (datetime UTC or None, precision string or None)"""
    if isinstance(v, (tuple, list)):
        y, mo, d, h, mi, s = v[:6]
        return datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc), None
    if not isinstance(v, str):
        return None, None
    s = v.strip()
    if re.fullmatch(r'\d{4}', s) or re.fullmatch(r'\d{4}-\d{2}', s):
        return None, s
    try:
        dt = email.utils.parsedate_to_datetime(s)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=datetime.timezone.utc)
        return dt.astimezone(datetime.timezone.utc), None
    except Exception:
        pass
    try:
        dt = datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=datetime.timezone.utc)
        return dt.astimezone(datetime.timezone.utc), None
    except Exception:
        pass
    return None, s


def date_matches(expected, got):
    if not got:
        return False
    dt, prec = parse_date(expected)
    if dt is not None:
        return got == dt.strftime('%Y-%m-%dT%H:%M:%SZ')
    return prec is not None and got == prec


def check(cat, sub, expected, art, articles, feed_title_src=None):
    """Return (ok, got_repr, note)."""
    if cat == 'feed_title':
        got = art.get('source', '') if art else ''
        return same_text(expected, got), got, ''
    if cat == 'entry_count':
        return len(articles) == expected, len(articles), ''
    if art is None:
        return False, None, 'no article'
    if cat == 'title':
        got = art.get('title', '')
        return same_text(expected, got), got, ''
    if cat == 'link':
        got = art.get('url', '')
        return got == expected, got, ''
    if cat == 'author':
        got = art.get('authors', [])
        names = person_names(expected)
        return any(g in names for g in got), got, ''
    if cat == 'date':
        want = DATE_KEYS[sub]
        other = 'updated' if want == 'published' else 'published'
        if date_matches(expected, art.get(want, '')):
            return True, {want: art.get(want, '')}, ''
        if date_matches(expected, art.get(other, '')):
            return True, {other: art.get(other, '')}, 'found in Gazette field %r, feedparser calls it %r' % (other, sub)
        return False, {'published': art.get('published', ''), 'updated': art.get('updated', '')}, ''
    if cat == 'summary':
        s, b = art.get('summary', ''), art.get('body', '')
        if same_text(expected, s):
            return True, {'summary': s}, ''
        if same_text(expected, b):
            return True, {'body': b}, ''
        return False, {'summary': s, 'body': b}, ''
    if cat == 'content':
        b = art.get('body', '')
        return same_text(expected, b), {'body': b, 'summary': art.get('summary', '')}, ''
    if cat == 'id':
        got = art.get('id', '')
        return got == expected, got, ''
    if cat == 'tags':
        got = art.get('tags', [])
        return ' '.join(expected.split()) in got, got, ''
    if cat == 'language':
        got = art.get('language', '')
        norm = lambda x: x.replace('_', '-').lower()
        return norm(got) == norm(expected), got, ''
    raise ValueError(cat)

# ---------------------------------------------------------------- running Gazette

def run_gazette(path, extra_args=()):
    return _run_gazette(path, ROOT, BIN, extra_args)

# ---------------------------------------------------------------- main

def evaluate(rel, data, alts, extra_args):
    res = None
    for clauses in alts:
        r = evaluate1(rel, data, clauses, extra_args)
        if res is None:
            res = r
        fin = r.get('probe', r)
        if fin['checks'] and all(c['ok'] for c in fin['checks']):
            return r
    return res


def evaluate1(rel, data, clauses, extra_args):
    scored = [(classify(c[0]), c) for c in clauses if c[0] != 'other']
    scored = [(k, c) for k, c in scored if k]
    tmp = os.path.join(ROOT, 'work')
    os.makedirs(tmp, exist_ok=True)
    fpath = os.path.join(TESTS, rel)
    rc, err, arts = run_gazette(fpath, extra_args)
    res = {'rc': rc, 'stderr': err, 'articles': arts, 'mode': 'raw'}

    def score(arts, probe=False):
        out = []
        by_probe = {}
        for a in arts:
            m = re.fullmatch(re.escape(PROBE) + r' (\d+)', a.get('title', ''))
            if m:
                by_probe[int(m.group(1)) - 1] = a
        for (cat, n, sub), (path, val, src) in scored:
            if probe and by_probe and n is not None:
                art = by_probe.get(n)
            else:
                art = arts[n] if n is not None and n < len(arts) else (arts[0] if cat == 'feed_title' and arts else None)
            ok, got, note = check(cat, sub, val, art, arts)
            out.append({'cat': cat, 'clause': src, 'expected': repr(val), 'ok': ok, 'got': got, 'note': note,
                        'entry': n})
        return out

    res['checks'] = score(arts)
    if not arts:
        checks_title = any(k[0] == 'title' for k, _ in scored)
        pdata, how = make_probe(data, checks_title)
        if pdata is not None:
            ppath = os.path.join(tmp, rel.replace('/', '__'))
            open(ppath, 'wb').write(pdata)
            prc, perr, parts = run_gazette(ppath, extra_args)
            res['probe'] = {'how': how, 'rc': prc, 'stderr': perr, 'articles': parts, 'checks': score(parts, True)}
    return res


def main():
    manifest = {}
    results = []
    files = sorted(os.path.relpath(os.path.join(d, f), TESTS) for d, _, fs in os.walk(TESTS) for f in fs)
    only = sys.argv[2:]
    for rel in files:
        if only and not any(rel.startswith(o) for o in only):
            continue
        data = open(os.path.join(TESTS, rel), 'rb').read()
        expect, hdr = read_expect(data)
        entry = {'file': rel, 'expect': expect, 'folder': rel.rsplit('/', 1)[0]}
        if expect is None:
            entry['status'] = 'skipped'
            entry['why'] = 'no Expect line'
            results.append(entry)
            continue
        try:
            alts = alternatives_of(expect)
        except Exception as e:
            entry['status'] = 'skipped'
            entry['why'] = 'Expect not parseable: %s' % e
            results.append(entry)
            continue
        alts = [cl for cl in alts if any(classify(c[0]) for c in cl if c[0] != 'other')]
        if not alts:
            entry['status'] = 'skipped'
            entry['why'] = 'Expect checks no field Gazette stores'
            results.append(entry)
            continue
        extra = []
        h = hdr.get('Header', '')
        m = re.search(r'charset=["\']?([\w.-]+)', h)
        if m:
            extra = ['--encoding', m.group(1)]
            entry['simulated_header'] = h
        entry.update(evaluate(rel, data, alts, extra))
        raw_ok = all(c['ok'] for c in entry['checks'])
        entry['raw_pass'] = raw_ok
        if 'probe' in entry:
            entry['probe_pass'] = all(c['ok'] for c in entry['probe']['checks'])
        entry['status'] = 'scored'
        results.append(entry)
        print('%-70s %s%s' % (rel, 'PASS' if raw_ok else 'FAIL',
                              '' if 'probe' not in entry else ' probe:' + ('PASS' if entry['probe_pass'] else 'FAIL')))
    out = os.path.join(ROOT, 'results.json')
    json.dump(results, open(out, 'w'), indent=1, ensure_ascii=False)
    scored = [r for r in results if r['status'] == 'scored']
    raw = sum(1 for r in scored if r['raw_pass'])
    probed = sum(1 for r in scored if r['raw_pass'] or r.get('probe_pass'))
    print('scored %d of %d files; pass as they are: %d (%.0f%%); pass with a probe title in files that '
          'gave no article: %d (%.0f%%); details in %s' %
          (len(scored), len(results), raw, 100.0 * raw / max(1, len(scored)), probed,
           100.0 * probed / max(1, len(scored)), out))


if __name__ == '__main__':
    main()
