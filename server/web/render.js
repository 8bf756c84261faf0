// The results column: summary line, notices (did-you-mean, no results, errors), the hit list
// with its expandable "more versions" and "related" panels, and the pager.
// Text from the index is always inserted as text; the one exception is the snippet, checked first.

import * as api from './api.js';

// --- Small DOM helpers -----------------------------------------------------------------------

export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  const add = (child) => {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(add);
    else node.append(child instanceof Node ? child : String(child));
  };
  add(children);
  return node;
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const languages = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

// Dates are shown in UTC, as the server stores and filters them: "5 Mar 2021".
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// A from/to value as the reader knows it: 2021-03-01, 2021-03, 2021 or now-7d.
export function formatDay(value) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(`${value}T00:00:00Z`);
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return value;
}

export function languageName(code) {
  try {
    const name = languages && languages.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

const count = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

// --- Snippets --------------------------------------------------------------------------------

// The server sends snippets as HTML: escaped text with matched words in <mark>. It is used as
// HTML only if it is exactly that (no '<' or '>' but those of <mark> and </mark>), so nothing
// from an article can become markup; otherwise it is shown as plain text.
const SAFE_SNIPPET = /^(?:[^<>]|<mark>|<\/mark>)*$/;

export function snippetElement(html) {
  const p = el('p', { class: 'hit-snippet' });
  if (SAFE_SNIPPET.test(html)) p.innerHTML = html;
  else p.textContent = html.replace(/<\/?mark>/g, '');
  return p;
}

// Only web links are followed; anything else (or nothing) opens the stored article.
export function articleHref(hit) {
  if (hit.url) {
    try {
      const url = new URL(hit.url);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // not a URL: fall through
    }
  }
  return `/articles/${encodeURIComponent(hit.id)}`;
}

// --- Summary and notices ---------------------------------------------------------------------

export function renderSummary(node, data, state) {
  const n = data.total.value;
  const lowerBound = data.total.relation === 'gte';
  // 'gte': the server's count is a lower bound.
  const head = lowerBound ? `At least ${count(n, 'result', 'results')}` : count(n, 'result', 'results');
  const what = state.q ? ` for “${state.q}”` : state.sort === 'relevance' ? ', newest first' : '';
  // Results are one per story; the sidebar counts every version: say how many that is.
  const articles = data.total.articles;
  const versions = articles > n ? ` (${count(articles, 'article', 'articles')}, other versions of a story included)` : '';
  const pages = Math.ceil(n / api.PAGE_SIZE);
  const where = n > api.PAGE_SIZE || state.page > 1 ? `page ${state.page}${lowerBound ? '' : ` of ${pages}`}` : '';
  const took = `${data.took_ms < 10 ? data.took_ms.toFixed(1) : Math.round(data.took_ms)} ms`;
  node.replaceChildren(
    el('span', { class: 'summary-main' }, head + what + versions),
    el('span', { class: 'summary-meta' }, [where, took].filter(Boolean).join(' · ')),
  );
}

export function renderNotice(node, data, state, { urlFor, hasFilters }) {
  const parts = [];
  const suggestionLink = () => el('a', { href: urlFor({ ...state, q: data.suggestion, page: 1 }), 'data-nav': 'suggestion', class: 'suggestion' }, data.suggestion);

  if (data.total.value === 0) {
    const hints = [];
    if (data.suggestion) hints.push(el('li', {}, ['Did you mean ', suggestionLink(), '?']));
    if (hasFilters) {
      hints.push(el('li', {}, [
        'Remove some filters, or ',
        el('a', { href: urlFor({ ...state, source: [], tag: [], lang: [], from: '', to: '', page: 1 }), 'data-nav': 'clear' }, 'search without any filters'),
        '.',
      ]));
    }
    if (state.q) hints.push(el('li', {}, 'Try other or fewer words, or check the spelling.'));
    parts.push(el('div', { class: 'empty' }, [
      el('h2', { class: 'empty-title' }, state.q ? `No articles match “${state.q}”` : 'No articles match these filters'),
      hints.length ? el('ul', { class: 'hints' }, hints) : null,
    ]));
  } else {
    if (data.suggestion) parts.push(el('p', { class: 'did-you-mean' }, ['Did you mean ', suggestionLink(), '?']));
    if (!data.hits.length) {
      parts.push(el('p', { class: 'empty' }, [
        'This page is past the last result. ',
        el('a', { href: urlFor({ ...state, page: 1 }), 'data-nav': 'page' }, 'Go to the first page'),
        '.',
      ]));
    }
  }
  node.replaceChildren(...parts);
}

export function renderError(els, err, state, { retry, startOver }) {
  let title;
  const body = [];
  if (err.kind === 'query') {
    title = 'Gazette could not read this query';
    body.push(el('p', { class: 'alert-title' }, [el('strong', {}, `${title}:`), ' ', el('span', { class: 'alert-detail' }, err.message)]));
    body.push(el('p', {}, 'Check that brackets and quotes are closed and that AND, OR and NOT have a word on each side. Plain words always work.'));
  } else if (err.kind === 'params') {
    title = 'Gazette could not use these search settings';
    body.push(el('p', { class: 'alert-title' }, [el('strong', {}, `${title}:`), ' ', el('span', { class: 'alert-detail' }, err.message)]));
    const again = el('button', { type: 'button', class: 'button' }, 'Start a new search');
    again.addEventListener('click', startOver);
    body.push(el('p', {}, again));
  } else {
    title = 'The search server is not responding';
    body.push(el('p', { class: 'alert-title' }, el('strong', {}, `${title}.`)));
    body.push(el('p', {}, `${err.message} Check that gazette-server is running, then try again.`));
    const again = el('button', { type: 'button', class: 'button button-primary', 'data-focus-key': 'retry' }, 'Retry');
    again.addEventListener('click', retry);
    body.push(el('p', {}, again));
  }
  els.summary.replaceChildren(el('span', { class: 'summary-main' }, `${title}.`));
  els.notice.replaceChildren(el('div', { class: `alert alert-${err.kind}` }, body));
}

export function clearResults(els) {
  els.hits.replaceChildren();
  els.pager.replaceChildren();
  els.pager.hidden = true;
}

// --- Hits ------------------------------------------------------------------------------------

let panelSeq = 0; // ids tying each toggle button to its panel

export function renderResults(list, data, state) {
  list.start = (state.page - 1) * api.PAGE_SIZE + 1;
  list.replaceChildren(...data.hits.map((hit) => el('li', { class: 'hit' }, hitArticle(hit))));
}

function hitArticle(hit) {
  const titleId = `hit-title-${(panelSeq += 1)}`;
  const meta = [];
  if (hit.source) meta.push(el('span', { class: 'hit-source' }, hit.source));
  const date = formatDate(hit.published);
  if (date) meta.push(el('time', { datetime: hit.published, class: 'hit-date' }, date));

  const actions = [];
  const panels = [];
  if (hit.more_versions > 0) {
    const label = count(hit.more_versions, 'more version', 'more versions');
    const [button, panel] = expander(label, 'versions', () => loadVersions(hit));
    actions.push(button);
    panels.push(panel);
  }
  const [relatedButton, relatedPanel] = expander('Related articles', 'related', () => loadRelated(hit));
  actions.push(relatedButton);
  panels.push(relatedPanel);

  return el('article', { class: 'hit-body', 'aria-labelledby': titleId }, [
    el('h3', { class: 'hit-title', id: titleId }, el('a', { href: articleHref(hit) }, hit.title || 'Untitled article')),
    meta.length ? el('p', { class: 'hit-meta' }, meta) : null,
    hit.snippet ? snippetElement(hit.snippet) : null,
    el('div', { class: 'hit-footer' }, [
      hit.tags && hit.tags.length ? el('ul', { class: 'hit-tags', 'aria-label': 'Tags' }, hit.tags.map((t) => el('li', { class: 'tag' }, t))) : null,
      el('div', { class: 'hit-actions' }, actions),
    ]),
    panels,
  ]);
}

// A button that shows and hides a panel below the hit, loading its content the first time.
function expander(label, kind, load) {
  const id = `${kind}-${(panelSeq += 1)}`;
  const button = el('button', { type: 'button', class: `link-button toggle toggle-${kind}`, 'aria-expanded': 'false', 'aria-controls': id }, label);
  const panel = el('section', { id, class: `hit-panel panel-${kind}`, hidden: true, 'aria-label': label });
  let loaded = false;

  const fill = async () => {
    loaded = true;
    panel.setAttribute('aria-busy', 'true');
    panel.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    try {
      panel.replaceChildren(...(await load()));
    } catch (err) {
      loaded = false;
      const again = el('button', { type: 'button', class: 'link-button' }, 'Try again');
      again.addEventListener('click', fill);
      panel.replaceChildren(el('p', { class: 'panel-error' }, [`Could not load this: ${err.message} `, again]));
    } finally {
      panel.removeAttribute('aria-busy');
    }
  };

  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    if (open && !loaded) fill();
  });
  return [button, panel];
}

async function loadVersions(hit) {
  const data = await api.storyVersions(hit.story);
  const others = data.hits.filter((h) => h.id !== hit.id);
  return [
    el('h4', { class: 'panel-heading' }, 'Other versions of this story'),
    others.length ? miniList(others) : el('p', { class: 'muted' }, 'No other versions were found.'),
  ];
}

async function loadRelated(hit) {
  const data = await api.related(hit.id);
  return [
    el('h4', { class: 'panel-heading' }, 'Related articles'),
    data.hits.length ? miniList(data.hits) : el('p', { class: 'muted' }, 'No related articles were found.'),
  ];
}

function miniList(hits) {
  return el('ul', { class: 'mini-list' }, hits.map((h) => el('li', {}, [
    el('a', { href: articleHref(h) }, h.title || 'Untitled article'),
    el('span', { class: 'mini-meta' }, [h.source, formatDate(h.published)].filter(Boolean).join(' · ')),
  ])));
}

// --- Pager -----------------------------------------------------------------------------------

export function renderPager(nav, data, state, urlFor) {
  const lastByDepth = Math.floor(api.MAX_DEPTH / api.PAGE_SIZE);
  let last = Math.ceil(data.total.value / api.PAGE_SIZE);
  // A lower-bound count may hide further pages: a full page offers the next one.
  if (data.total.relation === 'gte' && data.hits.length === api.PAGE_SIZE) last = Math.max(last, state.page + 1);
  last = Math.min(last, lastByDepth);
  if (last <= 1) {
    nav.replaceChildren();
    nav.hidden = true;
    return;
  }
  const page = state.page;
  const link = (n, text, extra = {}) => el('a', { href: urlFor({ ...state, page: n }), 'data-nav': 'page', ...extra }, text);

  // First, last, and two on each side of the current page.
  const numbers = [];
  for (let n = 1; n <= last; n += 1) {
    if (n === 1 || n === last || Math.abs(n - page) <= 2) numbers.push(n);
    else if (numbers[numbers.length - 1] !== '…') numbers.push('…');
  }
  const items = [];
  items.push(page > 1 ? link(page - 1, '← Previous', { rel: 'prev', class: 'pager-step' }) : el('span', { class: 'pager-step is-disabled', 'aria-hidden': 'true' }, '← Previous'));
  for (const n of numbers) {
    if (n === '…') items.push(el('span', { class: 'pager-gap', 'aria-hidden': 'true' }, '…'));
    else items.push(link(n, String(n), { class: 'pager-number', 'aria-label': `Page ${n}`, 'aria-current': n === page ? 'page' : null }));
  }
  items.push(page < last ? link(page + 1, 'Next →', { rel: 'next', class: 'pager-step' }) : el('span', { class: 'pager-step is-disabled', 'aria-hidden': 'true' }, 'Next →'));
  nav.replaceChildren(el('ul', { class: 'pager-list' }, items.map((item) => el('li', {}, item))));
  nav.hidden = false;
}
