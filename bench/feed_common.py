"""What the feed-corpus scorers (bench/feed_tests.py, bench/gofeed_tests.py) share: comparing
texts and names the way a reader sees them, and indexing one feed file into a fresh index and
reading its articles back."""
import html, json, os, re, shutil, subprocess

TAG_RE = re.compile(r'<[^>]*>')


def text_norm(s):
    s = TAG_RE.sub(' ', s)
    s = html.unescape(s)
    return ' '.join(s.split())


def same_text(expected, got):
    e, g = text_norm(expected), ' '.join((got or '').split())
    if e == g:
        return True
    return ''.join(e.split()) == ''.join(g.split())


def person_names(s):
    s = ' '.join(s.split())
    out = {s}
    m = re.match(r'^(.*?)\s*\((.*)\)$', s)
    if m:
        out.update({m.group(1).strip(), m.group(2).strip()})
    m = re.match(r'^(.*?)\s*<(.*)>$', s)
    if m:
        out.update({m.group(1).strip(), m.group(2).strip()})
    return {x for x in out if x and '@' not in x} or out



_counter = [0]


def run_gazette(path, root, bin_dir, extra_args=()):
    """Indexes one file into a fresh index under root; returns (exit code, stderr, articles)."""
    _counter[0] += 1
    db = os.path.join(root, 'db-%d' % _counter[0])
    shutil.rmtree(db, ignore_errors=True)
    try:
        p = subprocess.run([os.path.join(bin_dir, 'gazette-index'), '-q', '--db', db, *extra_args, path],
                           capture_output=True, timeout=60)
        rc, err = p.returncode, p.stderr.decode('utf-8', 'replace').strip()
        arts = []
        if os.path.isdir(db):
            q = subprocess.run([os.path.join(bin_dir, 'gazette-search'), '--db', db, '--json', '--limit', '1000', ''],
                               capture_output=True, timeout=60)
            try:
                hits = json.loads(q.stdout)['hits']
            except Exception:
                hits = []
            for h in hits:
                g = subprocess.run([os.path.join(bin_dir, 'gazette-search'), '--db', db, '--get', h['id']],
                                   capture_output=True, timeout=60)
                try:
                    arts.append(json.loads(g.stdout))
                except Exception:
                    arts.append({'id': h['id'], '_raw': g.stdout.decode('utf-8', 'replace')})
        return rc, err.replace(path, os.path.relpath(path, root)), arts
    finally:
        shutil.rmtree(db, ignore_errors=True)
        if os.path.exists(db + '.gazette-lock'):
            os.remove(db + '.gazette-lock')

ITEM_OPEN = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?(?:item|entry))(\s[^>]*)?>')


def make_probe(data, checks_title, probe='Gazette probe'):
    """Inject a probe title. Returns (bytes, description) or (None, None)."""
    if ITEM_OPEN.search(data):
        if checks_title:
            return None, None
        k = [0]
        def add(m):
            k[0] += 1
            prefix = m.group(1)[:-4] if m.group(1).endswith(b'item') else m.group(1)[:-5]
            t = ('%s %d' % (probe, k[0])).encode()
            return m.group(0) + b'<' + prefix + b'title>' + t + b'</' + prefix + b'title>'
        return ITEM_OPEN.sub(add, data), 'probe <title> injected into each item/entry'
    # no items at all: add one before the container's end tag
    for close, item in ((rb'</channel>', b'<item><title>%s</title></item>'),
                        (rb'</(?:[A-Za-z_][\w.-]*:)?RDF>', b'<item><title>%s</title></item>'),
                        (rb'</feed>', b'<entry><title>%s</title></entry>')):
        ms = list(re.finditer(close, data))
        if ms:
            m = ms[-1]
            ins = item % probe.encode()
            if close == rb'</channel>' and re.search(rb'<(?:[A-Za-z_][\w.-]*:)?RDF', data):
                continue  # RSS 1.0: items are siblings of channel
            return data[:m.start()] + ins + data[m.start():], 'probe item added (feed had no items)'
    return None, None

