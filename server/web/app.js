// Entry point: the search state, its URL, and the search cycle.
// The URL is the single source of truth: every new search is a pushState of the state, and
// Back/Forward (popstate) re-run the search the URL describes, so any view can be bookmarked.

import * as api from './api.js';
import { attachAutocomplete } from './autocomplete.js';
import { renderFacetLists, renderHistogram, renderActiveFilters, FILTER_NAMES } from './facets.js';
import { renderResults, renderSummary, renderNotice, renderPager, renderError, clearResults } from './render.js';

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search-form'),
  q: $('q'),
  listbox: $('q-suggestions'),
  sort: $('sort'),
  fresh: $('fresh'),
  summary: $('summary'),
  notice: $('notice'),
  hits: $('hits'),
  pager: $('pager'),
  heading: $('results-heading'),
  facetLists: $('facet-lists'),
  histogram: $('histogram'),
  active: $('active-filters'),
  dateForm: $('date-form'),
  from: $('from'),
  to: $('to'),
  dateError: $('date-error'),
  filtersToggle: $('filters-toggle'),
  filters: $('filters'),
  main: $('main'),
};

const FRESH_DEFAULT = '30d';
const SORTS = ['relevance', 'newest', 'oldest'];

// --- State <-> URL ---------------------------------------------------------------------------

function emptyState() {
  return { q: '', source: [], tag: [], lang: [], from: '', to: '', sort: 'relevance', fresh: '', page: 1 };
}

function stateFromURL(search) {
  const p = new URLSearchParams(search);
  const s = emptyState();
  s.q = (p.get('q') || '').trim();
  for (const name of FILTER_NAMES) s[name] = unique(p.getAll(name).filter(Boolean));
  s.from = p.get('from') || '';
  s.to = p.get('to') || '';
  s.sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
  s.fresh = p.get('fresh') || '';
  const page = Number.parseInt(p.get('page') || '1', 10);
  s.page = Number.isFinite(page) && page >= 1 ? Math.min(page, api.MAX_DEPTH / api.PAGE_SIZE) : 1;
  return s;
}

// Only what differs from the defaults, in a stable order, so equal states give equal URLs.
function urlFor(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const name of FILTER_NAMES) for (const v of state[name]) p.append(name, v);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.fresh) p.set('fresh', state.fresh);
  if (state.page > 1) p.set('page', String(state.page));
  const query = p.toString();
  return query ? `/?${query}` : '/';
}

function unique(values) {
  return [...new Set(values)];
}

let state = stateFromURL(location.search);

// A change of query, filter or order starts again at page 1.
function navigate(changes, { keepPage = false, focusResults = false } = {}) {
  const next = { ...state, ...changes };
  if (!keepPage) next.page = 1;
  state = next;
  const url = urlFor(state);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  run({ focusResults });
}

window.addEventListener('popstate', () => {
  // Following the skip link changes only the fragment; that is not a new search.
  if (urlFor(stateFromURL(location.search)) === urlFor(state)) return;
  state = stateFromURL(location.search);
  run();
});

// --- The search cycle ------------------------------------------------------------------------

let inflight = null;

async function run({ focusResults = false } = {}) {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  syncControls();
  document.title = state.q ? `${state.q} – Gazette search` : 'Gazette search';
  els.main.setAttribute('aria-busy', 'true');
  els.summary.textContent = 'Searching…';

  // Facets that have selections are counted without their own filter, so the values not yet
  // chosen keep their counts and can be added (several values of one facet = any of them).
  const extra = FILTER_NAMES.filter((name) => state[name].length > 0);
  try {
    const [main, ...others] = await Promise.all([
      api.search(state, controller.signal),
      ...extra.map((name) => api.search(state, controller.signal, { omit: name, facets: name, size: 1, snippet: 0 })),
    ]);
    if (controller !== inflight) return;
    const facets = { ...main.facets };
    extra.forEach((name, i) => { facets[name] = others[i].facets[name] || []; });
    keepingFocus(() => show(main, facets));
    if (focusResults) els.heading.focus();
  } catch (err) {
    if (err.kind === 'abort' || controller !== inflight) return;
    keepingFocus(() => {
      clearResults(els);
      renderError(els, err, state, { retry: () => run({ focusResults: true }), startOver: () => navigate(emptyState()) });
      // Counts from the previous search would mislead; selected values stay removable.
      const change = (changes) => navigate(changes);
      renderHistogram(els.histogram, null, state, change);
      renderFacetLists(els.facetLists, null, state, change);
      renderActiveFilters(els.active, state, change);
      updateFiltersToggle();
    });
  } finally {
    if (controller === inflight) {
      els.main.removeAttribute('aria-busy');
      inflight = null;
    }
  }
}

// Re-rendering replaces buttons; give focus back to the one that had it, or, when it is gone
// (a removed filter), to the results.
function keepingFocus(render) {
  const active = document.activeElement;
  const focusKey = active && active.dataset ? active.dataset.focusKey : null;
  render();
  if (focusKey && !active.isConnected) {
    const again = document.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    (again || els.heading).focus();
  }
}

function show(data, facets) {
  renderSummary(els.summary, data, state);
  renderNotice(els.notice, data, state, { urlFor, hasFilters: hasFilters() });
  renderResults(els.hits, data, state);
  renderPager(els.pager, data, state, urlFor);
  // Facet buttons, histogram bars and filter chips report the change they stand for.
  const change = (changes) => navigate(changes);
  renderHistogram(els.histogram, facets, state, change);
  renderFacetLists(els.facetLists, facets, state, change, data.total.articles > data.total.value);
  renderActiveFilters(els.active, state, change);
  updateFiltersToggle();
}

function hasFilters() {
  return FILTER_NAMES.some((n) => state[n].length) || Boolean(state.from || state.to);
}

// Form controls follow the state (after popstate, or a URL loaded from a bookmark).
function syncControls() {
  els.q.value = state.q;
  // Without words there is no relevance: the articles come newest first, and the control says so.
  els.sort.value = !state.q && state.sort === 'relevance' ? 'newest' : state.sort;
  els.fresh.checked = Boolean(state.fresh);
  // Freshness only re-ranks by relevance; the server ignores it for date orders.
  els.fresh.disabled = state.sort !== 'relevance';
  els.from.value = isoDay(state.from, 'start');
  els.to.value = isoDay(state.to, 'end');
  els.dateError.hidden = true;
}

// A date input shows full dates only: 2021 and 2021-03 (from a shared URL) become the first or
// last day they cover; other forms (now-7d) are left to the active-filter list.
function isoDay(value, edge) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  let m = /^(\d{4})$/.exec(value);
  if (m) return edge === 'start' ? `${m[1]}-01-01` : `${m[1]}-12-31`;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    if (edge === 'start') return `${value}-01`;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${value}-${String(last).padStart(2, '0')}`;
  }
  return '';
}

// --- Controls --------------------------------------------------------------------------------

const autocomplete = attachAutocomplete({
  input: els.q,
  listbox: els.listbox,
  fetchSuggestions: (text, signal) => api.suggest(text, signal).then((r) => r.suggestions || []),
  onChoose: () => submitQuery(),
});

function submitQuery() {
  autocomplete.close();
  navigate({ q: els.q.value.trim() });
}

els.form.addEventListener('submit', (event) => {
  event.preventDefault();
  submitQuery();
});

els.sort.addEventListener('change', () => navigate({ sort: els.sort.value }));
els.fresh.addEventListener('change', () => navigate({ fresh: els.fresh.checked ? FRESH_DEFAULT : '' }));

els.dateForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const from = els.from.value;
  const to = els.to.value;
  if (from && to && from > to) {
    els.dateError.textContent = 'The “From” date is after the “To” date.';
    els.dateError.hidden = false;
    els.from.focus();
    return;
  }
  navigate({ from, to });
});

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.defaultPrevented) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const next = stateFromURL(new URL(link.href).search);
  const isPage = link.dataset.nav === 'page';
  if (next.q !== state.q) els.q.value = next.q;
  navigate(next, { keepPage: isPage, focusResults: isPage });
});

// Phone layout: the sidebar is a panel opened by the "Filters" button.
els.filtersToggle.addEventListener('click', () => {
  const open = els.filtersToggle.getAttribute('aria-expanded') !== 'true';
  els.filtersToggle.setAttribute('aria-expanded', String(open));
  els.filters.classList.toggle('is-open', open);
});

function updateFiltersToggle() {
  const count = FILTER_NAMES.reduce((n, name) => n + state[name].length, 0) + (state.from ? 1 : 0) + (state.to ? 1 : 0);
  els.filtersToggle.querySelector('.count').textContent = count ? `(${count})` : '';
}

history.replaceState(null, '', urlFor(state));
run();
