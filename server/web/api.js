// Fetch wrappers for gazette-server's JSON API. Every failure becomes an ApiError with a
// `kind` the page can act on: 'query' (the server could not read the query), 'params'
// (other 400s), 'unavailable' (network failure, timeout, 5xx), or 'abort' (superseded).

const TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(kind, message, { status = 0, code = '' } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

// GET a same-origin JSON endpoint. `signal` lets a newer request cancel this one.
async function getJSON(path, params, signal) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  // One controller for both the caller's cancel and the timeout (AbortSignal.any is too new
  // for some browsers still in use).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const cancel = () => controller.abort();
  if (signal) {
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', cancel, { once: true });
  }
  let response;
  let body = null;
  try {
    try {
      response = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
    } catch {
      if (timedOut) throw new ApiError('unavailable', 'The server took too long to answer.');
      if (signal && signal.aborted) throw new ApiError('abort', 'cancelled');
      throw new ApiError('unavailable', 'The server could not be reached.');
    }
    try {
      body = await response.json();
    } catch {
      // A proxy's error page, or a cut connection: judged below by the status.
      if (signal && signal.aborted) throw new ApiError('abort', 'cancelled');
    }
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', cancel);
  }
  if (response.ok && body) return body;

  const error = (body && body.error) || {};
  const code = error.code || '';
  const message = error.message || `HTTP ${response.status}`;
  if (response.status === 400 && code === 'invalid_query') {
    throw new ApiError('query', message, { status: 400, code });
  }
  if (response.status >= 400 && response.status < 500) {
    throw new ApiError('params', message, { status: response.status, code });
  }
  let friendly = 'The server could not answer right now.';
  if (code === 'index_unavailable') friendly = 'The search index is not available right now.';
  else if (code === 'overloaded') friendly = 'The server is busy.';
  throw new ApiError('unavailable', friendly, { status: response.status, code });
}

// Only the parameters /search documents: it answers 400 to anything else.
const FACETS = 'source,tag,lang,month,year';

export const PAGE_SIZE = 10;
export const MAX_DEPTH = 10000; // page × size must stay within the server's --max-page-depth

// One results page for the page state (see app.js for its shape).
// `omit` drops one filter and `facets` overrides the facet list: used for the counts of a
// facet that has selections, so its other values stay visible (any-of filtering).
export function search(state, signal, { omit = null, facets = FACETS, size = PAGE_SIZE, snippet = null } = {}) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const name of ['source', 'tag', 'lang']) {
    if (name === omit) continue;
    for (const value of state[name]) p.append(name, value);
  }
  if (omit !== 'date') {
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
  }
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.fresh) p.set('fresh', state.fresh);
  if (state.page > 1 && !omit) p.set('page', String(state.page));
  p.set('size', String(size));
  if (facets) {
    p.set('facets', facets);
    p.set('facet_size', '100');
  }
  if (snippet !== null) p.set('snippet', String(snippet));
  p.set('collapse', 'story');
  return getJSON('/search', p, signal);
}

// Every copy of one story (the server's story:ID query).
export function storyVersions(story, signal) {
  const term = /^[^\s"()]+$/.test(story) ? story : `"${story.replace(/"/g, '')}"`;
  const p = new URLSearchParams({ q: `story:${term}`, size: '50', snippet: '0' });
  return getJSON('/search', p, signal);
}

export function related(id, signal) {
  return getJSON(`/articles/${encodeURIComponent(id)}/related`, new URLSearchParams({ size: '5' }), signal);
}

export function suggest(text, signal) {
  return getJSON('/suggest', new URLSearchParams({ q: text, size: '8' }), signal);
}
