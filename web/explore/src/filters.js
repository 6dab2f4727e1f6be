// The filters views share (event kind, series, place, years): read from the URL, sent as GraphQL's EventFilter,
// and edited in one small form whose choices come from the facets of the whole graph.

import { persisted } from './api.js';
import { h } from './dom.js';
import { enumName, pretty } from './kinds.js';
import { go, list, withParams } from './url.js';

const YEAR = /^\d{4}$/;

export function years(params) {
  const from = params.get('from');
  const to = params.get('to');
  return { from: YEAR.test(from || '') ? from : null, to: YEAR.test(to || '') ? to : null };
}

/** GraphQL's EventFilter for the URL's filters, or null when there are none. */
export function eventFilter(params) {
  const filter = {};
  const kind = list(params, 'kind').map(enumName);
  if (kind.length) filter.kind = kind;
  const series = list(params, 'series');
  if (series.length) filter.series = series;
  const organizer = list(params, 'organizer');
  if (organizer.length) filter.organizer = organizer;
  const place = params.get('place');
  if (place) filter.country = [place];
  const { from, to } = years(params);
  if (from || to) filter.during = { ...(from && { from }), ...(to && { to }) };
  return Object.keys(filter).length ? filter : null;
}

let choices = null;

/** Places, kinds, series and years to choose from: the facets of every event and organization (one request). */
export function filterChoices() {
  choices ??= persisted('explore-facets', {}).then((data) => {
    const events = Object.fromEntries(data.eventFacets.facets.map((f) => [f.dimension, f.buckets]));
    const orgs = Object.fromEntries(data.organizationFacets.facets.map((f) => [f.dimension, f.buckets]));
    const places = new Map();
    for (const dimension of ['REGION', 'COUNTRY']) {
      for (const bucket of [...(events[dimension] || []), ...(orgs[dimension] || [])]) {
        if (!places.has(bucket.key)) places.set(bucket.key, { ...bucket, dimension });
      }
    }
    const byLabel = (a, b) => a.label.localeCompare(b.label);
    return {
      regions: [...places.values()].filter((p) => p.dimension === 'REGION').sort(byLabel),
      countries: [...places.values()].filter((p) => p.dimension === 'COUNTRY').sort(byLabel),
      kinds: (events.KIND || []).map((b) => ({ key: enumName(b.key), label: pretty(b.label) })),
      series: [...(events.SERIES || [])].sort(byLabel),
      years: (events.YEAR || []).map((b) => Number(b.key)).filter(Number.isFinite),
    };
  });
  choices.catch(() => {
    choices = null;
  });
  return choices;
}

function select(name, label, value, options, onChange) {
  const id = `filter-${name}`;
  return h(
    'label',
    { class: 'field', for: id },
    h('span', {}, label),
    h(
      'select',
      { id, name, onchange: (e) => onChange(e.target.value || null) },
      h('option', { value: '' }, 'Any'),
      options.map((o) =>
        o.group
          ? h(
              'optgroup',
              { label: o.group },
              o.options.map((c) => h('option', { value: c.key, selected: c.key === value }, c.label)),
            )
          : h('option', { value: o.key, selected: o.key === value }, o.label),
      ),
    ),
  );
}

function yearInput(name, label, value, bounds, onChange) {
  const id = `filter-${name}`;
  return h(
    'label',
    { class: 'field field-year', for: id },
    h('span', {}, label),
    h('input', {
      id,
      name,
      type: 'number',
      inputmode: 'numeric',
      min: bounds[0],
      max: bounds[1],
      placeholder: name === 'from' ? String(bounds[0] ?? '') : String(bounds[1] ?? ''),
      value: value || '',
      onchange: (e) => onChange(YEAR.test(e.target.value) ? e.target.value : null),
    }),
  );
}

/** The filter form; `fields` picks which of place, kind, series, years it shows. */
export async function filterForm(params, fields = ['place', 'kind', 'series', 'years'], extra = []) {
  const c = await filterChoices();
  const update = (change) => go(withParams(params, change));
  const { from, to } = years(params);
  const bounds = [Math.min(...c.years), Math.max(...c.years)].map((y) => (Number.isFinite(y) ? y : undefined));
  const parts = [];
  if (fields.includes('place')) {
    const groups = [];
    if (c.regions.length) groups.push({ group: 'Regions', options: c.regions });
    if (c.countries.length) groups.push({ group: 'Countries', options: c.countries });
    parts.push(select('place', 'Place', params.get('place'), groups, (v) => update({ place: v })));
  }
  if (fields.includes('kind')) {
    const kind = list(params, 'kind').map(enumName)[0] || null;
    parts.push(select('kind', 'Event kind', kind, c.kinds, (v) => update({ kind: v })));
  }
  if (fields.includes('series')) {
    const series = list(params, 'series')[0] || null;
    parts.push(select('series', 'Series', series, c.series, (v) => update({ series: v })));
  }
  if (fields.includes('years')) {
    parts.push(yearInput('from', 'From year', from, bounds, (v) => update({ from: v })));
    parts.push(yearInput('to', 'To year', to, bounds, (v) => update({ to: v })));
  }
  return h('form', { class: 'filters', 'aria-label': 'Filters', onsubmit: (e) => e.preventDefault() }, parts, extra);
}

/** Labels of the active filters, each with a link that removes it. */
export async function activeFilters(params) {
  const c = await filterChoices();
  const name = (items, key) => (items.find((i) => i.key === key) || {}).label || key;
  const chips = [];
  const chip = (text, change) =>
    chips.push(h('a', { class: 'chip', href: withParams(params, change), title: 'Remove this filter' }, text, ' ×'));
  const place = params.get('place');
  if (place) chip(name([...c.regions, ...c.countries], place), { place: null });
  for (const kind of list(params, 'kind')) chip(pretty(kind), { kind: null });
  for (const series of list(params, 'series')) chip(name(c.series, series), { series: null });
  const { from, to } = years(params);
  if (from || to) chip(from === to ? from : `${from || '…'}–${to || '…'}`, { from: null, to: null });
  return chips;
}
