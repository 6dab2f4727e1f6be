// Search as you type (the header's combobox, WAI-ARIA pattern) and the results page (?view=search&q=...).

import { persisted } from './api.js';
import { fill, h, notice } from './dom.js';
import { pretty, TYPE_OF_ENUM, typeLabel } from './kinds.js';
import { entityHref, go, href, list } from './url.js';

const DELAY_MS = 120;

function kindOf(entity) {
  return entity.eventKind || entity.seriesKind || entity.organizationKind || entity.placeKind || null;
}

function detail(result) {
  const e = result.entity;
  const parts = [];
  const kind = kindOf(e);
  if (kind) parts.push(pretty(kind));
  if (e.startDate) parts.push(e.startDate);
  if (e.location?.label) parts.push(e.location.label);
  if (e.containedIn?.label) parts.push(`in ${e.containedIn.label}`);
  if (e.shortName) parts.push(e.shortName);
  if (result.field === 'ALIAS') parts.push(`also called “${result.matched.value}”`);
  return parts.join(' · ');
}

function badge(result) {
  const type = TYPE_OF_ENUM[result.type] || result.type;
  return h('span', { class: `badge badge-${type}` }, typeLabel(type));
}

/** Wires the header's search box: suggestions as you type, arrows to move, Enter to open, Escape to close. */
export function setupSearch(input, listbox) {
  let timer = null;
  let controller = null;
  let results = [];
  let active = -1;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    for (const [i, option] of [...listbox.children].entries()) {
      option.setAttribute('aria-selected', String(i === index));
      if (i === index) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    }
  };
  const open = (index) => {
    const result = results[index];
    if (!result) return;
    close();
    input.value = '';
    go(entityHref(result.entity.id));
  };
  const show = (text) => {
    listbox.replaceChildren(
      ...results.map((result, i) =>
        h(
          'li',
          {
            id: `suggestion-${i}`,
            role: 'option',
            'aria-selected': 'false',
            class: 'suggestion',
            dataset: { id: result.entity.id },
            onmousedown: (e) => e.preventDefault(),
            onclick: () => open(i),
          },
          h('span', { class: 'suggestion-label' }, result.entity.label),
          badge(result),
          h('span', { class: 'suggestion-detail' }, detail(result)),
        ),
      ),
      h(
        'li',
        { class: 'suggestion suggestion-all', role: 'option', id: 'suggestion-all', onclick: () => submit(text) },
        results.length ? `All results for “${text}”` : `Nothing matches “${text}”`,
      ),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const submit = (text) => {
    close();
    go(href({ view: 'search', q: text.trim() }));
  };
  const lookUp = async (text) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const data = await persisted('explore-search', { text, first: 8 }, { signal: controller.signal });
      if (input.value.trim() !== text) return;
      results = data.search || [];
      show(text);
    } catch (error) {
      if (error.name !== 'AbortError') {
        results = [];
        listbox.replaceChildren(h('li', { class: 'suggestion', role: 'option' }, error.message));
        listbox.hidden = false;
      }
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      controller?.abort();
      close();
      return;
    }
    timer = setTimeout(() => lookUp(text), DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    const count = listbox.hidden ? 0 : results.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      highlight((active - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0) open(active);
      else if (input.value.trim()) submit(input.value);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

const TYPE_FILTERS = ['EVENT', 'EVENT_SERIES', 'ORGANIZATION', 'PARTNERSHIP', 'PLACE'];

/** ?view=search&q=text[&types=EVENT,...]: every match, with a filter by type. */
export async function renderSearch(main, params) {
  const text = (params.get('q') || '').trim();
  const types = list(params, 'types').filter((t) => TYPE_FILTERS.includes(t));
  const head = h('div', { class: 'view-head' }, h('h1', {}, text ? `Search: “${text}”` : 'Search'));
  if (!text) {
    fill(main, head, notice('Type in the search box above: names, short names and aliases in any language.'));
    return 'Search';
  }
  const data = await persisted('explore-search', { text, types, first: 50 });
  const results = data.search || [];
  const toggles = h(
    'p',
    { class: 'chips' },
    h('a', { class: `chip${types.length ? '' : ' chip-on'}`, href: href({ view: 'search', q: text }) }, 'Everything'),
    TYPE_FILTERS.map((t) =>
      h(
        'a',
        { class: `chip${types.includes(t) ? ' chip-on' : ''}`, href: href({ view: 'search', q: text, types: t }) },
        typeLabel(TYPE_OF_ENUM[t]),
      ),
    ),
  );
  fill(main, 
    head,
    toggles,
    results.length
      ? h(
          'ol',
          { class: 'results' },
          results.map((r) =>
            h(
              'li',
              {},
              h('a', { href: entityHref(r.entity.id), class: 'result-label' }, r.entity.label),
              ' ',
              badge(r),
              h('div', { class: 'muted small' }, detail(r)),
              r.entity.description ? h('p', { class: 'result-description' }, r.entity.description) : null,
            ),
          ),
        )
      : notice(`Nothing matches “${text}”.`),
  );
  return `Search: ${text}`;
}
