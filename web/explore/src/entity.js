// ?view=entity&id=...: one entity's facts, relations and sources, with doors to the other views.

import { persisted } from './api.js';
import { yearColumns } from './charts.js';
import { fill, h, notice } from './dom.js';
import { eventKindColor, organizationKind, pretty, typeLabel } from './kinds.js';
import { entityHref, href } from './url.js';

const link = (ref) => (ref ? h('a', { href: entityHref(ref.id) }, ref.label) : null);

function dated(ref) {
  return h('li', {}, link(ref), ref.startDate ? h('span', { class: 'muted' }, ` · ${ref.startDate}`) : null);
}

function participants(items) {
  return items.map((p) =>
    h(
      'li',
      {},
      link(p.organization),
      p.organization.kind ? h('span', { class: 'muted' }, ` · ${organizationKind(p.organization.kind).label}`) : null,
      p.role ? h('span', { class: 'muted' }, ` · ${p.role}`) : null,
    ),
  );
}

/** A definition list of [label, value] pairs whose value is present. */
function facts(rows) {
  const present = rows.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length));
  if (!present.length) return null;
  return h(
    'dl',
    { class: 'facts' },
    present.map(([label, value]) => [
      h('dt', {}, label),
      h('dd', {}, Array.isArray(value) ? value.flatMap((v, i) => (i ? [', ', v] : [v])) : value),
    ]),
  );
}

function section(title, items, { className = 'links' } = {}) {
  if (!items || !items.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, `${title} (${items.length})`), h('ul', { class: className }, items));
}

function eventParts(e) {
  const place = e.venue ? h('span', {}, link(e.venue), ', ', link(e.location)) : link(e.location);
  return {
    facts: [
      ['Kind', e.eventKind && pretty(e.eventKind)],
      ['Dates', e.datesText || [e.startDate, e.endDate].filter(Boolean).join(' – ')],
      ['Status', e.eventStatus && pretty(e.eventStatus)],
      ['Format', e.format && pretty(e.format)],
      ['Attendance', e.attendance?.text],
      ['Place', e.location || e.venue ? place : null],
      ['Country', link(e.country)],
      ['Series', e.series ? h('span', {}, link(e.series), e.edition ? ` (${e.edition})` : '') : null],
      ['Part of', link(e.parentEvent)],
      ['Website', e.website && h('a', { href: e.website, rel: 'noopener' }, e.website)],
    ],
    sections: [
      section('Organizers', participants(e.organizers)),
      section('Partners', participants(e.partners)),
      section('Side events', e.subEvents.map(dated)),
      section('Partnerships', e.partnerships.map((p) => h('li', {}, link(p)))),
      section(
        'Related events',
        e.relatedEvents
          .filter((r) => r.event)
          .map((r) =>
            h(
              'li',
              {},
              link(r.event),
              h('span', { class: 'muted' }, ` · ${r.components.map((c) => c.explanation).join('; ')}`),
            ),
          ),
      ),
    ],
    actions: [
      ['Network around it', href({ view: 'network', seeds: e.id })],
      e.series && ['Series timeline', href({ view: 'timeline', series: e.series.id })],
      e.location && ['On the map', href({ view: 'map', place: e.country?.id, series: e.series?.id })],
    ],
    color: eventKindColor(e.eventKind),
  };
}

function seriesParts(e) {
  return {
    facts: [
      ['Kind', e.seriesKind && pretty(e.seriesKind)],
      ['First year', e.firstYear],
      ['Frequency', e.frequency],
      ['Usually', e.typicalMonths],
      ['Usually held', e.typicalRegion],
      ['Website', e.website && h('a', { href: e.website, rel: 'noopener' }, e.website)],
    ],
    sections: [
      section('Organizers', participants(e.organizers)),
      section(
        'Editions',
        e.events.map((ev) =>
          h(
            'li',
            {},
            link(ev),
            h('span', { class: 'muted' }, [ev.startDate, ev.location?.label].filter(Boolean).map((t) => ` · ${t}`)),
          ),
        ),
      ),
    ],
    actions: [
      ['Timeline', href({ view: 'timeline', series: e.id })],
      ['Map of its editions', href({ view: 'map', series: e.id })],
      ['Network around it', href({ view: 'network', seeds: e.id, depth: 2 })],
    ],
  };
}

function organizationParts(e) {
  const kind = organizationKind(e.organizationKind);
  const perYear = e.eventsPerYear.map((y) => ({ year: y.year, count: y.count, color: kind.color }));
  return {
    facts: [
      ['Kind', e.organizationKind ? kind.label : null],
      ['Short name', e.shortName],
      ['Founded', e.founded],
      ['Recognized', e.recognized && h('span', {}, e.recognized, e.recognitionStatus ? ` (${pretty(e.recognitionStatus)})` : '')],
      ['Based in', link(e.basedIn)],
      ['Operates in', e.operatingArea.map(link)],
      ['Parent', link(e.parent)],
      ['Member of', e.memberOf.map(link)],
      ['Events organized', String(e.eventCount)],
      ['Linked organizations', `${e.degree} (partners: ${e.partnersCount})`],
      ['Countries reached', e.countriesReached.map(link)],
      ['Website', e.website && h('a', { href: e.website, rel: 'noopener' }, e.website)],
    ],
    sections: [
      perYear.length
        ? h('section', { class: 'card' }, h('h2', {}, 'Events organized per year'), yearColumns(perYear, { height: 140 }))
        : null,
      section('Events organized', e.events.map(dated)),
      section('Events supported', e.partneredEvents.map(dated)),
      section('Partnerships', e.partnerships.map((p) => h('li', {}, link(p)))),
    ],
    actions: [
      ['Network around it', href({ view: 'network', seeds: e.id })],
      ['Its events in the overview', href({ view: 'facets', organizer: e.id })],
    ],
    color: kind.color,
  };
}

function partnershipParts(e) {
  return {
    facts: [
      ['Topics', e.topics.join(', ')],
      ['Initiative', e.initiativeText],
      ['Since', e.since],
      ['Status', e.partnershipStatus && pretty(e.partnershipStatus)],
      ['Event', link(e.relatedEvent)],
    ],
    sections: [
      section(
        'Parties',
        e.organizations.map((o) => h('li', {}, link(o), o.kind ? ` · ${organizationKind(o.kind).label}` : '')),
      ),
    ],
    actions: [['Network around it', href({ view: 'network', seeds: e.id })]],
  };
}

function placeParts(e) {
  const c = e.coordinates;
  return {
    facts: [
      ['Kind', e.placeKind && pretty(e.placeKind)],
      ['In', link(e.containedIn)],
      ['Coordinates', c && `${c.latitude.toFixed(3)}, ${c.longitude.toFixed(3)}`],
    ],
    sections: [
      section('Events here', e.events.map(dated)),
      section('Organizations based here', e.organizations.map((o) => h('li', {}, link(o)))),
      section('Places in it', e.contains.map((p) => h('li', {}, link(p), p.kind ? ` · ${pretty(p.kind)}` : ''))),
    ],
    actions: [
      ['Its events on the map', href({ view: 'map', place: e.id })],
      ['Its events in the overview', href({ view: 'facets', place: e.id })],
    ],
  };
}

const PARTS = {
  Event: eventParts,
  EventSeries: seriesParts,
  Organization: organizationParts,
  Partnership: partnershipParts,
  Place: placeParts,
};

export async function renderEntity(main, params) {
  const id = params.get('id');
  if (!id) {
    fill(main, notice('No entity chosen: search for one above.'));
    return 'Entity';
  }
  const data = await persisted('explore-entity', { id });
  const e = data.node;
  if (!e) {
    fill(main, notice(`The graph holds nothing with the id “${id}”.`, 'error'));
    return 'Not found';
  }
  const parts = (PARTS[e.__typename] || (() => ({ facts: [], sections: [], actions: [] })))(e);
  const actions = [
    ...parts.actions.filter(Boolean),
    ['Linked data (JSON-LD, Turtle)', `/entity/${encodeURIComponent(e.id)}`],
  ];
  fill(main, 
    h(
      'article',
      { class: 'entity' },
      h(
        'header',
        { class: 'view-head' },
        h(
          'p',
          { class: 'eyebrow' },
          h('span', { class: `badge badge-${e.__typename}`, style: parts.color ? `border-color:${parts.color}` : null }, typeLabel(e.__typename)),
          ' ',
          h('code', {}, e.id),
          e.wikidataUrl ? [' · ', h('a', { href: e.wikidataUrl, rel: 'noopener' }, `Wikidata ${e.qid}`)] : null,
        ),
        h('h1', {}, e.label),
        e.description ? h('p', { class: 'lead' }, e.description) : null,
        e.aliases?.length ? h('p', { class: 'muted' }, `Also: ${e.aliases.join(', ')}`) : null,
        h(
          'nav',
          { class: 'actions', 'aria-label': 'Views of this entity' },
          actions.map(([label, url]) => h('a', { class: 'button', href: url }, label)),
        ),
      ),
      data.errors.length ? notice(data.errors.join('; '), 'error') : null,
      h(
        'div',
        { class: 'grid' },
        h('section', { class: 'card' }, h('h2', {}, 'Facts'), facts(parts.facts) || h('p', { class: 'muted' }, 'None stated.')),
        parts.sections,
        e.note ? h('section', { class: 'card' }, h('h2', {}, 'Note'), h('p', {}, e.note)) : null,
        section(
          'Sources',
          e.sources.map((src) =>
            h('li', {}, h('a', { href: src.url, rel: 'noopener' }, src.title), src.licence ? ` · ${src.licence}` : ''),
          ),
        ),
      ),
    ),
  );
  return e.label;
}
