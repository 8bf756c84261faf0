#!/usr/bin/env python3
"""Scores gazette-index on real feeds in legacy encodings: the test corpus of chardet (the
Universal Encoding Detector), about 300 RSS and Atom feeds its author downloaded from sites in
Russian, Bulgarian, Greek, Hebrew, Arabic, Turkish, Hungarian, Thai, Chinese, Japanese, Korean
and more, one folder per true encoding (a copy ships in Google Cloud SDK's gsutil; the folder is
chardet's tests/ on GitHub).

Each feed's items as its publisher meant them come from feedparser 6 reading the feed decoded
with the folder's encoding (browsers' supersets: windows-1252 for Latin-1, GBK for GB2312,
windows-874 for TIS-620, CP932 for Shift_JIS). Against those items the script scores
  - gazette-index on the feed's bytes as they are (each file into a fresh index, read back), and
  - feedparser 6 on the same bytes (what a mature feed reader keeps), side by side:
the share of items kept with the right title, and of those, the right link, date and text.

usage: bench/chardet_feeds.py [CORPUS_DIR] [--show N]
"""
import calendar
import datetime
import html
import os
import re
import shutil
import sys
import tempfile
import unicodedata
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed_common import run_gazette, same_text, text_norm  # noqa: E402

warnings.filterwarnings('ignore')
import feedparser  # noqa: E402  (Debian: python3-feedparser, for /usr/bin/python3)

DEFAULT = '/usr/lib/google-cloud-sdk/platform/gsutil/third_party/chardet/tests'
BUILD = os.environ.get('GAZETTE_BUILD_DIR', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'build'))

# Folder -> the Python codec that reads it as a browser would (WHATWG's supersets).
CODECS = {
    'big5': 'big5hkscs', 'cp932': 'cp932', 'cp949': 'cp949', 'euc-jp': 'euc_jp', 'euc-kr': 'cp949',
    'gb2312': 'gbk', 'ibm855': 'cp855', 'ibm866': 'cp866', 'johab': 'johab', 'koi8-r': 'koi8_r',
    'maccyrillic': 'mac_cyrillic', 'macroman': 'mac_roman', 'shift_jis': 'cp932', 'tis-620': 'cp874',
    'utf-16': 'utf-16', 'utf-16be': 'utf-16-be', 'utf-16le': 'utf-16-le', 'utf-32': 'utf-32',
    'utf-32be': 'utf-32-be', 'utf-32le': 'utf-32-le', 'ascii': 'utf-8', 'iso-2022-jp': 'iso2022_jp',
    'iso-2022-kr': 'iso2022_kr', 'iso-8859-1': 'cp1252', 'iso-8859-2': 'iso8859_2', 'iso-8859-5': 'iso8859_5',
    'iso-8859-6': 'iso8859_6', 'iso-8859-7': 'iso8859_7', 'iso-8859-9': 'cp1254', 'utf-8': 'utf-8',
    'utf-8-sig': 'utf-8-sig', 'windows-1250': 'cp1250', 'windows-1251': 'cp1251', 'windows-1252': 'cp1252',
    'windows-1254': 'cp1254', 'windows-1255': 'cp1255', 'windows-1256': 'cp1256',
}
FEED_RE = re.compile(rb'<(?:\w+:)?(?:rss|feed|RDF)[\s>]', re.I)
DECL_RE = re.compile(r'^(\ufeff?\s*<\?xml[^>]*?encoding\s*=\s*)(["\'])[^"\']*\2', re.I)


def codec_of(folder):
    name = folder.lower()
    for key in sorted(CODECS, key=len, reverse=True):
        if name == key or name.startswith(key + '-'):
            return CODECS[key]
    return None


def as_meant(data, codec):
    """The feed as UTF-8 bytes decoded with the folder's codec, its declaration saying so."""
    text = data.decode(codec, errors='replace')
    text = DECL_RE.sub(lambda m: m.group(1) + m.group(2) + 'utf-8' + m.group(2), text, count=1)
    return text.lstrip('\ufeff').encode('utf-8')


def instant(entry):
    for key in ('published_parsed', 'updated_parsed'):
        t = entry.get(key)
        if t:
            return datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc)
    return None


def entry_text(entry):
    if entry.get('content'):
        return entry['content'][0].get('value', '')
    return entry.get('summary', '')


# Characters that Japanese encodings map two ways (JIS against Microsoft's tables: 〜 or ～,
# − or －, ...): both are right readings of the same bytes.
JIS_VARIANTS = str.maketrans('\uff5e\u2225\uff0d\uffe0\uffe1\uffe2', '\u301c\u2016\u2212\u00a2\u00a3\u00ac')


def fold(s):
    return unicodedata.normalize('NFC', s or '').translate(JIS_VARIANTS)


def same_title(a, b):
    return same_text(fold(a), fold(b))


def squash(s):
    s = text_norm(s or '')
    # Feeds that escape twice (&amp;#34;) mean the character, as Gazette and browsers show it.
    while '&' in s and html.unescape(s) != s:
        s = html.unescape(s)
    return ''.join(fold(s).split())


def same_body(expected, got_texts):
    """The item's text as the reader shows it starts Gazette's (or the other parser's) text."""
    want = squash(expected)[:80]
    return bool(want) and any(squash(g).startswith(want) or want in squash(g) for g in got_texts if g)


class Tally:
    def __init__(self):
        self.items = self.titles = self.links = self.links_want = self.dates = self.dates_want = 0
        self.texts = self.texts_want = self.merged = 0

    def row(self, name):
        def pct(a, b):
            return '%5d / %5d (%5.1f%%)' % (a, b, 100.0 * a / b if b else 0)
        return '%-11s titles %s  links %s  dates %s  texts %s' % (
            name, pct(self.titles, self.items), pct(self.links, self.links_want), pct(self.dates, self.dates_want),
            pct(self.texts, self.texts_want))


def pick(e, title, pool, title_of, link_of, texts_of):
    """The unused article or entry that stands for truth entry `e`: same title, and among several
    (feeds repeat titles), the one with its link, then the one with its text. Removed from pool."""
    found = [a for a in pool if same_title(title, title_of(a))]
    if not found:
        return None
    for good in (lambda a: link_of(a) == e.get('link') and same_body(entry_text(e), texts_of(a)),
                 lambda a: link_of(a) == e.get('link'), lambda a: same_body(entry_text(e), texts_of(a))):
        best = next((a for a in found if good(a)), None)
        if best is not None:
            break
    best = best if best is not None else found[0]
    pool.remove(best)
    return best


def tally_fields(e, tally, link, date_is, texts):
    """Counts the link, date and text of an item found by its title; returns the wrong ones."""
    wrong = []
    for field, wanted, ok in (('link', bool(e.get('link')), lambda: link == e.get('link')),
                              ('date', instant(e) is not None, lambda: date_is(instant(e))),
                              ('text', bool(squash(entry_text(e))), lambda: same_body(entry_text(e), texts))):
        if not wanted:
            continue
        right = ok()
        setattr(tally, field + 's_want', getattr(tally, field + 's_want') + 1)
        setattr(tally, field + 's', getattr(tally, field + 's') + right)
        if not right:
            wrong.append(field)
    return wrong


def titled(truth, tally):
    """The items as meant that have a title, each counted."""
    for e in truth:
        title = text_norm(e.get('title', ''))
        if title:
            tally.items += 1
            yield e, title


def score_gazette(truth, arts, tally, misses):
    pool = list(arts)
    for e, title in titled(truth, tally):
        art = pick(e, title, pool, lambda a: a.get('title', ''), lambda a: a.get('url', ''),
                   lambda a: [a.get('body', ''), a.get('summary', '')])
        if art is None:
            # Gazette keeps one article per link (or id): a later item with the same link and no
            # id of its own is the same article, updated (news titles are edited).
            if e.get('link') and e.get('id', e['link']) == e['link'] and \
                    sum(1 for o in truth if o.get('link') == e['link']) > 1:
                tally.merged += 1
            else:
                misses.append('title %r not among %r' % (title[:60], [a.get('title', '')[:40] for a in arts][:3]))
            continue
        tally.titles += 1
        texts = [art.get('body', ''), art.get('summary', '')]
        dates = {art.get('published', ''), art.get('updated', '')}
        wrong = tally_fields(e, tally, art.get('url', ''),
                             lambda when: when.strftime('%Y-%m-%dT%H:%M:%SZ') in dates, texts)
        if 'date' in wrong:
            misses.append('date of %r: want %s (%r), got %r' % (title[:40], instant(e).isoformat(), e.get(
                'published', e.get('updated', '')), sorted(dates)))
        if 'text' in wrong:
            misses.append('text of %r: want %r, got %r' % (title[:40], squash(entry_text(e))[:90],
                                                          squash(texts[0] or texts[1])[:90]))


def score_feedparser(truth, parsed, tally):
    pool = list(parsed)
    for e, title in titled(truth, tally):
        got = pick(e, title, pool, lambda g: text_norm(g.get('title', '')), lambda g: g.get('link', ''),
                   lambda g: [entry_text(g)])
        if got is None:
            continue
        tally.titles += 1
        tally_fields(e, tally, got.get('link', ''), lambda when: instant(got) == when, [entry_text(got)])


def main():
    args = sys.argv[1:]
    show = 0
    if '--show' in args:
        i = args.index('--show')
        show = int(args[i + 1])
        del args[i:i + 2]
    corpus = args[0] if args else DEFAULT
    if not os.path.isdir(corpus):
        sys.exit('no chardet test corpus at %s (give the path of chardet\'s tests/ folder)' % corpus)
    bin_dir = os.path.join(BUILD, 'indexer')
    search_dir = os.path.join(BUILD, 'search')
    tmp = tempfile.mkdtemp(prefix='gazette-chardet-')
    # run_gazette finds both programs in one folder.
    for prog, d in (('gazette-index', bin_dir), ('gazette-search', search_dir)):
        os.symlink(os.path.abspath(os.path.join(d, prog)), os.path.join(tmp, prog))
    gazette, reader = Tally(), Tally()
    feeds = skipped = 0
    per_folder = {}
    misses = []
    for folder in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, folder)
        codec = codec_of(folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            file = os.path.join(path, name)
            with open(file, 'rb') as f:
                data = f.read()
            if not FEED_RE.search(data[:4096].replace(b'\0', b'')):
                continue
            if codec is None:
                skipped += 1
                continue
            truth = feedparser.parse(as_meant(data, codec)).entries
            if not truth:
                skipped += 1
                continue
            feeds += 1
            _, _, arts = run_gazette(file, tmp, tmp)
            before = gazette.titles, gazette.items
            file_misses = []
            score_gazette(truth, arts, gazette, file_misses)
            score_feedparser(truth, feedparser.parse(data).entries, reader)
            kept, items = gazette.titles - before[0], gazette.items - before[1]
            f_kept, f_items = per_folder.get(folder, (0, 0))
            per_folder[folder] = (f_kept + kept, f_items + items)
            misses += ['%s/%s: %s' % (folder, name, m) for m in file_misses]
    print('chardet test corpus: %d feeds scored (%d skipped: no items as meant, or an encoding Python lacks)' %
          (feeds, skipped))
    print(gazette.row('gazette') + '  (+%d items sharing their link with another, kept as one article)' %
          gazette.merged)
    print(reader.row('feedparser'))
    print('items kept with the right title, by folder (gazette):')
    for folder, (kept, items) in sorted(per_folder.items()):
        if items:
            print('  %-26s %4d / %4d' % (folder, kept, items))
    for m in misses[:show]:
        print('  miss: ' + m)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
