// The sidebar: facet value lists (toggle buttons), the publication-date histogram, and the
// list of active filters. Each control calls `change(partialState)`; app.js does the rest.

import { el, formatDay, languageName, MONTHS } from './render.js';

export const FILTER_NAMES = ['source', 'tag', 'lang'];
const HEADINGS = { source: 'Sources', tag: 'Tags', lang: 'Languages' };
const CHIP_LABELS = { source: 'Source', tag: 'Tag', lang: 'Language' };
const SHOWN = 6; // values shown before "Show all"
const expanded = new Set(); // facets the reader chose to see in full; kept across searches

// --- Facet lists -----------------------------------------------------------------------------

// `facets` null (the search failed): only the selected values are listed, without counts.
// `versions`: the results are one per story while the counts are of articles, every version of a
// story counted; a note says so.
export function renderFacetLists(container, facets, state, change, versions = false) {
  const sections = FILTER_NAMES.map((name) => facetSection(name, facets ? facets[name] || [] : null, state, change)).filter(Boolean);
  if (versions && sections.length) sections.push(el('p', { class: 'facet-note' }, 'Counts are of articles, every version of a story included.'));
  container.replaceChildren(...sections);
}

function facetSection(name, values, state, change) {
  const selected = state[name];
  // A selected value stays listed even when it has no matches (e.g. from a shared URL).
  const rows = (values || []).map((v) => ({ value: v.value, count: v.count }));
  for (const value of selected) if (!rows.some((r) => r.value === value)) rows.push({ value, count: values ? 0 : null });
  if (!rows.length) return null;

  const full = expanded.has(name) || rows.length <= SHOWN + 1;
  const visible = full ? rows : rows.filter((r, i) => i < SHOWN || selected.includes(r.value));
  const headingId = `facet-${name}-heading`;

  const list = el('ul', { class: 'facet-list' }, visible.map((row) => {
    const pressed = selected.includes(row.value);
    const label = name === 'lang' ? languageName(row.value) : row.value;
    const button = el('button', {
      type: 'button',
      class: 'facet-value',
      'aria-pressed': String(pressed),
      'data-focus-key': `facet:${name}:${row.value}`,
    }, [
      el('span', { class: 'facet-name' }, label),
      row.count === null ? null : el('span', { class: 'facet-count' }, row.count.toLocaleString('en')),
    ]);
    button.addEventListener('click', () => {
      const next = pressed ? selected.filter((v) => v !== row.value) : [...selected, row.value];
      change({ [name]: next });
    });
    return el('li', {}, button);
  }));

  const children = [el('h3', { id: headingId, class: 'facet-heading' }, HEADINGS[name]), list];
  if (rows.length > SHOWN + 1) {
    const more = el('button', {
      type: 'button',
      class: 'link-button facet-more',
      'aria-expanded': String(full),
      'data-focus-key': `more:${name}`,
    }, full ? 'Show fewer' : `Show all ${rows.length}`);
    more.addEventListener('click', () => {
      if (full) expanded.delete(name); else expanded.add(name);
      const section = facetSection(name, values, state, change);
      more.closest('section').replaceWith(section);
      section.querySelector('.facet-more').focus();
    });
    children.push(more);
  }
  return el('section', { class: 'facet', 'aria-labelledby': headingId }, children);
}

// --- Date histogram --------------------------------------------------------------------------

const MAX_MONTH_BARS = 24; // longer spans are drawn by year

// Bars for every month (or year) between the first and last with articles, gaps included,
// so the bars are a time axis. Each bar knows the from/to dates it stands for.
export function dateBuckets(months, years, state) {
  const monthIndex = (key) => {
    const [y, m] = key.split('-').map(Number);
    return y * 12 + (m - 1);
  };
  if (months.length) {
    let lo = Math.min(...months.map((m) => monthIndex(m.value)));
    let hi = Math.max(...months.map((m) => monthIndex(m.value)));
    if (hi - lo < MAX_MONTH_BARS) {
      // Within a chosen date range, show the whole range, not only the months with articles.
      const edge = (value) => (/^\d{4}-\d{2}/.test(value) ? monthIndex(value.slice(0, 7)) : null);
      const from = edge(state.from);
      const to = edge(state.to);
      if (from !== null && hi - from < MAX_MONTH_BARS) lo = Math.min(lo, from);
      if (to !== null && to - lo < MAX_MONTH_BARS) hi = Math.max(hi, to);
      const counts = new Map(months.map((m) => [m.value, m.count]));
      const items = [];
      for (let i = lo; i <= hi; i += 1) {
        const y = Math.floor(i / 12);
        const m = (i % 12) + 1;
        const key = `${y}-${String(m).padStart(2, '0')}`;
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        items.push({
          key,
          count: counts.get(key) || 0,
          label: `${MONTHS[m - 1]} ${y}`,
          tick: m === 1 || i === lo ? `${MONTHS[m - 1]} ${y}` : MONTHS[m - 1],
          from: `${key}-01`,
          to: `${key}-${String(last).padStart(2, '0')}`,
        });
      }
      return { unit: 'month', items };
    }
  }
  if (!years.length) return { unit: 'year', items: [] };
  const lo = Math.min(...years.map((y) => Number(y.value)));
  const hi = Math.max(...years.map((y) => Number(y.value)));
  const counts = new Map(years.map((y) => [Number(y.value), y.count]));
  const items = [];
  for (let y = lo; y <= hi; y += 1) {
    items.push({ key: String(y), count: counts.get(y) || 0, label: String(y), tick: String(y), from: `${y}-01-01`, to: `${y}-12-31` });
  }
  return { unit: 'year', items };
}

export function renderHistogram(container, facets, state, change) {
  const { unit, items } = dateBuckets((facets && facets.month) || [], (facets && facets.year) || [], state);
  if (!items.length) {
    container.replaceChildren(facets ? el('p', { class: 'muted' }, 'No dates to show.') : '');
    return;
  }
  const max = Math.max(1, ...items.map((b) => b.count));
  const noun = (n) => `${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'}`;
  const hint = el('p', { class: 'histogram-hint', id: 'histogram-hint' },
    items.length > 1 ? 'Choose a bar, or drag across bars for a range.' : 'Choose the bar to filter by it.');

  // One tab stop for the whole chart; arrow keys move between bars.
  const focusKey = (b) => `bar:${b.key}`;
  const current = Math.max(0, items.findIndex((b) => b.count > 0));
  const bars = el('div', { class: `bars bars-${unit}`, role: 'group', 'aria-label': `Articles by ${unit}`, 'aria-describedby': 'histogram-hint' },
    items.map((b, i) => {
      const height = b.count ? Math.max(4, Math.round((b.count / max) * 100)) : 0;
      return el('button', {
        type: 'button',
        class: 'bar',
        title: `${b.label}: ${noun(b.count)}`,
        'aria-label': `${b.label}: ${noun(b.count)}`,
        tabindex: i === current ? '0' : '-1',
        'data-index': String(i),
        'data-focus-key': focusKey(b),
      }, svgBar(height));
    }));

  const ticks = items.length <= 8 ? items.map((b) => b.tick) : [items[0].label, items[items.length - 1].label];
  const axis = el('div', { class: items.length <= 8 ? 'axis axis-all' : 'axis axis-ends', 'aria-hidden': 'true' },
    ticks.map((t) => el('span', {}, t)));

  container.replaceChildren(bars, axis, hint);
  wireBrush(bars, items, hint, (a, b) => change({ from: items[a].from, to: items[b].to }));
}

function svgBar(height) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 10 100');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('x', '0');
  rect.setAttribute('width', '10');
  rect.setAttribute('y', String(100 - height));
  rect.setAttribute('height', String(height));
  svg.append(rect);
  return svg;
}

// Press on a bar and drag across others to choose a range; a press without a drag, or
// Enter/Space on a focused bar, chooses one bar.
function wireBrush(bars, items, hint, apply) {
  const buttons = [...bars.querySelectorAll('.bar')];
  const restingHint = hint.textContent;
  let start = null;
  let end = null;

  const indexAt = (x) => {
    for (let i = 0; i < buttons.length; i += 1) {
      const r = buttons[i].getBoundingClientRect();
      const next = buttons[i + 1] ? buttons[i + 1].getBoundingClientRect().left : Infinity;
      if (x < next && (i > 0 || x >= r.left - 8)) return i;
    }
    return buttons.length - 1;
  };
  const paint = () => {
    const [a, b] = start === null ? [-1, -1] : [Math.min(start, end), Math.max(start, end)];
    buttons.forEach((btn, i) => btn.classList.toggle('in-brush', i >= a && i <= b));
    hint.textContent = start === null ? restingHint
      : a === b ? items[a].label : `${items[a].label} – ${items[b].label}`;
  };

  bars.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || !event.target.closest('.bar')) return;
    start = end = indexAt(event.clientX);
    bars.setPointerCapture(event.pointerId);
    paint();
  });
  bars.addEventListener('pointermove', (event) => {
    if (start === null) return;
    const i = indexAt(event.clientX);
    if (i !== end) {
      end = i;
      paint();
    }
  });
  bars.addEventListener('pointerup', () => {
    if (start === null) return;
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = end = null;
    apply(a, b);
  });
  bars.addEventListener('pointercancel', () => {
    start = end = null;
    paint();
  });
  // Pointer presses are handled above; a click with detail 0 comes from the keyboard.
  bars.addEventListener('click', (event) => {
    const bar = event.target.closest('.bar');
    if (bar && event.detail === 0) {
      const i = Number(bar.dataset.index);
      apply(i, i);
    }
  });
  bars.addEventListener('keydown', (event) => {
    const bar = event.target.closest('.bar');
    if (!bar) return;
    const i = Number(bar.dataset.index);
    const moves = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const j = Math.max(0, Math.min(buttons.length - 1, moves[event.key]));
    buttons[i].tabIndex = -1;
    buttons[j].tabIndex = 0;
    buttons[j].focus();
  });
}

// --- Active filters --------------------------------------------------------------------------

export function renderActiveFilters(container, state, change) {
  const chips = [];
  for (const name of FILTER_NAMES) {
    for (const value of state[name]) {
      const shown = name === 'lang' ? languageName(value) : value;
      chips.push(chip(`${CHIP_LABELS[name]}: ${shown}`, `chip:${name}:${value}`,
        () => change({ [name]: state[name].filter((v) => v !== value) })));
    }
  }
  if (state.from) chips.push(chip(`From ${formatDay(state.from)}`, 'chip:from', () => change({ from: '' })));
  if (state.to) chips.push(chip(`To ${formatDay(state.to)}`, 'chip:to', () => change({ to: '' })));

  if (!chips.length) {
    container.hidden = true;
    container.replaceChildren();
    return;
  }
  const clear = el('button', { type: 'button', class: 'link-button clear-all', 'data-focus-key': 'clear-all' }, 'Clear all');
  clear.addEventListener('click', () => change({ source: [], tag: [], lang: [], from: '', to: '' }));
  container.hidden = false;
  container.replaceChildren(
    el('h2', { class: 'visually-hidden' }, 'Active filters'),
    el('ul', { class: 'chips' }, [...chips.map((c) => el('li', {}, c)), el('li', {}, clear)]),
  );
}

function chip(text, key, onRemove) {
  const button = el('button', { type: 'button', class: 'chip', 'aria-label': `Remove filter ${text}`, 'data-focus-key': key }, [
    el('span', {}, text),
    el('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'),
  ]);
  button.addEventListener('click', onRemove);
  return button;
}
