// The overview: facet charts of the events matching the URL's filters, and of the organizations.

import { persisted } from './api.js';
import { barList, yearColumns } from './charts.js';
import { fill, formatNumber, h, notice } from './dom.js';
import { activeFilters, eventFilter, filterForm } from './filters.js';
import { enumName, eventKindColor, organizationKind, pretty } from './kinds.js';
import { entityHref, href, withParams } from './url.js';

function card(title, body, wide = false) {
  return h('section', { class: `card${wide ? ' card-wide' : ''}` }, h('h2', {}, title), body);
}

export async function renderFacets(main, params) {
  const filter = eventFilter(params);
  const [data, form, chips] = await Promise.all([
    persisted('explore-facets', { filter }),
    filterForm(params),
    activeFilters(params),
  ]);
  const events = Object.fromEntries(data.eventFacets.facets.map((f) => [f.dimension, f]));
  const orgs = Object.fromEntries(data.organizationFacets.facets.map((f) => [f.dimension, f]));
  const narrowed = (change) => withParams(params, { view: 'facets', ...change });
  const same = Object.fromEntries(params.entries());

  const yearRows = events.YEAR.buckets.map((b) => ({
    year: Number(b.key),
    count: b.count,
    href: narrowed({ from: b.key, to: b.key }),
  }));
  const bucketRows = (dimension, link, color) =>
    (events[dimension]?.buckets || []).map((b) => ({
      label: b.label,
      count: b.count,
      href: link(b),
      color: typeof color === 'function' ? color(b) : color,
    }));

  const charts = [
    card('Events per year', yearColumns(yearRows, { width: 1280, height: 200 }), true),
    card(
      'Kinds of event',
      barList(
        bucketRows(
          'KIND',
          (b) => narrowed({ kind: enumName(b.key) }),
          (b) => eventKindColor(enumName(b.key)),
        ).map((r) => ({ ...r, label: pretty(r.label) })),
      ),
    ),
    card('Countries', barList(bucketRows('COUNTRY', (b) => narrowed({ place: b.key }), '#009E73'))),
    events.REGION.buckets.length
      ? card('Regions', barList(bucketRows('REGION', (b) => narrowed({ place: b.key }), '#44AA99')))
      : null,
    card('Series', barList(bucketRows('SERIES', (b) => href({ view: 'timeline', series: b.key }), '#CC79A7'))),
    card('Organizers', barList(bucketRows('ORGANIZER', (b) => entityHref(b.key), '#56B4E9'))),
    card(
      'Status',
      barList(bucketRows('STATUS', () => null, '#7F7F7F').map((r) => ({ ...r, label: pretty(r.label) }))),
    ),
    card(
      `Organizations by kind (${formatNumber(data.organizationFacets.total)})`,
      barList(
        (orgs.KIND?.buckets || []).map((b) => ({
          label: organizationKind(enumName(b.key)).label,
          count: b.count,
          color: organizationKind(enumName(b.key)).color,
          href: href({ view: 'network', okind: enumName(b.key) }),
        })),
        { unit: 'organizations' },
      ),
    ),
    card(
      'Organizations by country',
      barList(
        (orgs.COUNTRY?.buckets || []).map((b) => ({ label: b.label, count: b.count, color: '#0072B2' })),
        { unit: 'organizations' },
      ),
    ),
  ];

  const total = data.eventFacets.total;
  fill(main, 
    h(
      'div',
      { class: 'view-head' },
      h('h1', {}, 'Overview'),
      h(
        'p',
        { class: 'lead' },
        `${formatNumber(total)} events`,
        chips.length ? ' matching ' : ' in the graph',
        chips.length ? h('span', { class: 'chips' }, chips) : null,
        '. Click a bar to narrow; the same events on the ',
        h('a', { href: href({ ...same, view: 'map' }) }, 'map'),
        ' or in the ',
        h('a', { href: href({ view: 'network', from: same.from, to: same.to, place: same.place }) }, 'network'),
        '.',
      ),
    ),
    form,
    data.errors.length ? notice(data.errors.join('; '), 'error') : null,
    h('div', { class: 'grid' }, charts),
  );
  return 'Overview';
}
