// ?view=timeline: every series as a lane of its editions over the years; ?view=timeline&series=ID: one series,
// its editions along an axis and as a table.

import { persisted } from './api.js';
import { fill, formatNumber, h, notice, s } from './dom.js';
import { eventKindColor, pretty, yearFraction, yearOf } from './kinds.js';
import { entityHref, href } from './url.js';

const STATUS = {
  HELD: { label: 'Held', fill: true },
  PLANNED: { label: 'Planned', fill: false },
  TBA: { label: 'To be announced', fill: false },
  CANCELLED: { label: 'Cancelled', fill: false, cross: true },
  POSTPONED: { label: 'Postponed', fill: false },
  PROPOSED: { label: 'Proposed', fill: false },
  WITHDRAWN: { label: 'Withdrawn', fill: false, cross: true },
};

function attendance(event) {
  const q = event.attendance;
  return q ? (q.count ?? q.lowerBound ?? null) : null;
}

function radius(event) {
  const n = attendance(event);
  return n ? Math.min(4 + Math.sqrt(n) / 2.2, 16) : 4.5;
}

function mark(event, x, y, color) {
  const status = STATUS[event.status] || { label: event.status ? pretty(event.status) : 'Status not stated', fill: true };
  const r = radius(event);
  const tip = [event.label, event.startDate, event.location?.label, event.attendance?.text && `${event.attendance.text} attended`, status.label]
    .filter(Boolean)
    .join(' · ');
  return s(
    'a',
    { href: entityHref(event.id), 'aria-label': tip, class: 'mark' },
    s('title', {}, tip),
    s('circle', {
      cx: x,
      cy: y,
      r,
      fill: status.fill ? color : '#ffffff',
      stroke: color,
      'stroke-width': 2,
      'fill-opacity': status.fill ? 0.85 : 1,
    }),
    status.cross ? s('path', { d: `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`, stroke: color, 'stroke-width': 1.5 }) : null,
  );
}

function axis(first, last, x, y, height) {
  const years = last - first;
  const every = years > 30 ? 5 : years > 12 ? 2 : 1;
  const parts = [];
  for (let year = Math.ceil(first / every) * every; year <= last; year += every) {
    parts.push(s('line', { x1: x(year), x2: x(year), y1: y, y2: y + height, class: 'grid' }));
    parts.push(s('text', { x: x(year), y: y - 6, class: 'axis', 'text-anchor': 'middle' }, year));
  }
  return parts;
}

function statusLegend() {
  return h(
    'ul',
    { class: 'legend-inline' },
    h('li', {}, s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 5, fill: '#0072B2' })), 'held'),
    h('li', {}, s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 5, fill: '#fff', stroke: '#0072B2', 'stroke-width': 2 })), 'planned, to be announced'),
    h('li', {}, 'size: attendance where a source gives it; colour: kind of event'),
  );
}

async function overview(main) {
  const data = await persisted('explore-timeline', { first: 100 });
  const series = (data.eventSeries?.nodes || [])
    .map((sr) => ({ ...sr, events: sr.events.filter((e) => yearOf(e.startDate) !== null) }))
    .filter((sr) => sr.events.length)
    .sort((a, b) => yearFraction(a.events[0].startDate) - yearFraction(b.events[0].startDate) || a.label.localeCompare(b.label));
  if (!series.length) {
    fill(main, h('h1', {}, 'Timeline'), notice('No series with dated editions.'));
    return 'Timeline';
  }
  const all = series.flatMap((sr) => sr.events.map((e) => yearFraction(e.startDate)));
  const first = Math.floor(Math.min(...all));
  const last = Math.floor(Math.max(...all)) + 1;
  const labelWidth = 230;
  const width = 980;
  const lane = 34;
  const top = 26;
  const x = (year) => labelWidth + ((width - labelWidth - 16) * (year - first)) / (last - first || 1);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${top + lane * series.length + 8}`, class: 'chart timeline', role: 'img', 'aria-label': 'Editions of every series over the years' },
    axis(first, last, x, top, lane * series.length),
  );
  series.forEach((sr, i) => {
    const y = top + lane * i + lane / 2;
    const color = eventKindColor(sr.kind);
    svg.append(
      s('line', { x1: labelWidth, x2: width - 16, y1: y, y2: y, class: 'lane' }),
      s('a', { href: href({ view: 'timeline', series: sr.id }) }, s('text', { x: labelWidth - 10, y: y + 4, 'text-anchor': 'end', class: 'lane-label' }, sr.label.length > 32 ? `${sr.label.slice(0, 31)}…` : sr.label)),
      ...sr.events.map((e) => mark(e, x(yearFraction(e.startDate)), y, color)),
    );
  });
  fill(main, 
    h('div', { class: 'view-head' }, h('h1', {}, 'Timeline of every series'), h('p', { class: 'lead' }, `${series.length} series with dated editions. Click a series for its own timeline, an edition for its page.`)),
    statusLegend(),
    h('div', { class: 'card card-wide scroll-x' }, svg),
  );
  return 'Timeline';
}

async function oneSeries(main, id) {
  const data = await persisted('series-editions', { series: id });
  const sr = data.node;
  if (!sr) {
    fill(main, notice(`The graph holds no series with the id “${id}”.`, 'error'));
    return 'Not found';
  }
  const dated = sr.events.filter((e) => yearOf(e.startDate) !== null);
  const head = h(
    'div',
    { class: 'view-head' },
    h('p', { class: 'eyebrow' }, h('a', { href: href({ view: 'timeline' }) }, '← every series')),
    h('h1', {}, sr.label),
    h('p', { class: 'lead' }, `${sr.events.length} editions`, dated.length < sr.events.length ? `, ${sr.events.length - dated.length} without a date` : '', '.'),
    h(
      'nav',
      { class: 'actions' },
      h('a', { class: 'button', href: entityHref(sr.id) }, 'About the series'),
      h('a', { class: 'button', href: href({ view: 'map', series: sr.id }) }, 'Its editions on the map'),
      h('a', { class: 'button', href: href({ view: 'facets', series: sr.id }) }, 'Its facets'),
    ),
  );
  let chart = notice('No edition has a date yet.');
  if (dated.length) {
    const values = dated.map((e) => yearFraction(e.startDate));
    const first = Math.floor(Math.min(...values));
    const last = Math.floor(Math.max(...values)) + 1;
    const width = 980;
    const height = 210;
    const axisY = 110;
    const x = (year) => 80 + ((width - 160) * (year - first)) / (last - first || 1);
    chart = s(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, class: 'chart timeline', role: 'img', 'aria-label': `Editions of ${sr.label}` },
      s('line', { x1: 30, x2: width - 30, y1: axisY, y2: axisY, class: 'lane' }),
      axis(first, last, x, axisY + 24, 0).map((el) => {
        if (el.tagName === 'text') el.setAttribute('y', axisY + 26);
        return el;
      }),
      dated.map((e, i) => {
        const cx = x(yearFraction(e.startDate));
        const up = i % 2 === 0;
        const labelY = up ? axisY - 38 - (i % 4 === 0 ? 0 : 16) : axisY + 52 + (i % 4 === 1 ? 0 : 16);
        return s(
          'g',
          {},
          s('line', { x1: cx, x2: cx, y1: axisY, y2: labelY + (up ? 4 : -12), class: 'leader' }),
          mark(e, cx, axisY, '#0072B2'),
          s('text', { x: cx, y: labelY, 'text-anchor': 'middle', class: 'mark-label' }, e.location?.label ? `${yearOf(e.startDate)} · ${e.location.label}` : String(yearOf(e.startDate))),
        );
      }),
    );
  }
  const table = h(
    'table',
    { class: 'editions' },
    h('thead', {}, h('tr', {}, ['Edition', 'Dates', 'Place', 'Country', 'Attendance', 'Status'].map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      sr.events.map((e) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: entityHref(e.id) }, e.label)),
          h('td', {}, [...new Set([e.startDate, e.endDate].filter(Boolean))].join(' – ')),
          h('td', {}, e.location ? h('a', { href: entityHref(e.location.id) }, e.location.label) : ''),
          h('td', {}, e.country ? h('a', { href: entityHref(e.country.id) }, e.country.label) : ''),
          h('td', { class: 'num' }, e.attendance?.text || ''),
          h('td', {}, e.status ? pretty(e.status) : ''),
        ),
      ),
    ),
  );
  const total = dated.reduce((sum, e) => sum + (attendance(e) || 0), 0);
  fill(main, 
    head,
    statusLegend(),
    h('div', { class: 'card card-wide scroll-x' }, chart),
    h('section', { class: 'card card-wide' }, h('h2', {}, 'Editions'), h('div', { class: 'scroll-x' }, table), total ? h('p', { class: 'muted small' }, `Attendance where stated adds up to at least ${formatNumber(total)}.`) : null),
  );
  return sr.label;
}

export async function renderTimeline(main, params) {
  const id = params.get('series');
  return id ? oneSeries(main, id) : overview(main);
}
