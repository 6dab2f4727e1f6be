// ?view=map: events at the coordinates of their venue, else their city, on country shapes from Natural Earth
// (world-atlas, 1:110m), drawn as SVG with d3-geo. No tiles, nothing fetched from elsewhere.

import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';

import { allPages } from './api.js';
import { fill, formatNumber, h, notice, s } from './dom.js';
import { activeFilters, eventFilter, filterForm } from './filters.js';
import { eventKindColor, EVENT_KINDS, pretty } from './kinds.js';
import { entityHref, go, withParams } from './url.js';

const WIDTH = 960;
const HEIGHT = 500;
let atlas = null;

function shapes() {
  atlas ??= fetch('/explore/countries-110m.json')
    .then((r) => {
      if (!r.ok) throw new Error(`country shapes: ${r.status}`);
      return r.json();
    })
    .then((topology) => ({
      countries: feature(topology, topology.objects.countries),
      borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
    }));
  atlas.catch(() => {
    atlas = null;
  });
  return atlas;
}

function pointOf(event) {
  const c = event.venue?.coordinates || event.location?.coordinates;
  return c ? [c.longitude, c.latitude] : null;
}

/** Events grouped by the point they share (a city holds several). */
function groups(events) {
  const byPoint = new Map();
  for (const event of events) {
    const point = pointOf(event);
    if (!point) continue;
    const key = point.map((v) => v.toFixed(3)).join(',');
    if (!byPoint.has(key)) {
      byPoint.set(key, { key, point, place: event.venue?.coordinates ? event.venue : event.location, events: [] });
    }
    byPoint.get(key).events.push(event);
  }
  return [...byPoint.values()].sort((a, b) => b.events.length - a.events.length);
}

function colorOf(group) {
  const kinds = new Set(group.events.map((e) => e.kind));
  return kinds.size === 1 ? eventKindColor([...kinds][0]) : '#3B4A5A';
}

function parseAt(value) {
  const parts = (value || '').split(',').map(Number);
  return parts.length === 3 && parts.every(Number.isFinite) ? parts : null;
}

function eventItem(e) {
  return h(
    'li',
    {},
    h('a', { href: entityHref(e.id) }, e.label),
    h('span', { class: 'muted' }, [e.startDate, e.kind && pretty(e.kind)].filter(Boolean).map((t) => ` · ${t}`)),
  );
}

export async function renderMap(main, params) {
  const filter = eventFilter(params);
  const [{ countries, borders }, found, form, chips] = await Promise.all([
    shapes(),
    allPages('explore-map', { filter, first: 100 }, (d) => d.events, { limit: 2000 }),
    filterForm(params),
    activeFilters(params),
  ]);
  const located = groups(found.nodes);
  const placed = located.reduce((n, g) => n + g.events.length, 0);
  const projection = geoNaturalEarth1().fitExtent(
    [
      [8, 8],
      [WIDTH - 8, HEIGHT - 8],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);

  // the view: translate (x, y) and zoom k; fitted to the points unless the URL says where (at=x,y,k)
  let [tx, ty, k] = parseAt(params.get('at')) || fit(located.map((g) => projection(g.point)));
  const world = s('g', {});
  const marks = s('g', { class: 'marks' });
  const labels = s('g', { class: 'labels' });
  const svg = s(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'map', role: 'img', 'aria-label': `Map of ${placed} events` },
    s('defs', {}, s('clipPath', { id: 'sphere-clip' }, s('path', { d: path({ type: 'Sphere' }) }))),
    s(
      'g',
      { 'clip-path': 'url(#sphere-clip)' },
      world,
    ),
    s('path', { d: path({ type: 'Sphere' }), class: 'sphere-outline' }),
  );
  world.append(
    s('path', { d: path({ type: 'Sphere' }), class: 'ocean' }),
    s('path', { d: path(geoGraticule10()), class: 'graticule' }),
    ...countries.features.map((f) => s('path', { d: path(f), class: 'country' }, s('title', {}, f.properties.name))),
    s('path', { d: path(borders), class: 'border' }),
    marks,
    labels,
  );

  const side = h('aside', { class: 'map-side card', 'aria-live': 'polite' });
  const showGroup = (group) => {
    for (const c of marks.querySelectorAll('.point')) c.classList.toggle('point-on', c.dataset.key === group?.key);
    side.replaceChildren(
      group
        ? h(
            'div',
            {},
            h('h2', {}, group.place ? h('a', { href: entityHref(group.place.id) }, group.place.label) : 'Here'),
            h('p', { class: 'muted' }, `${group.events.length} event${group.events.length === 1 ? '' : 's'}`),
            h('ul', { class: 'links' }, group.events.map(eventItem)),
            h('p', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); showGroup(null); } }, '← all places')),
          )
        : h(
            'div',
            {},
            h('h2', {}, 'Places'),
            h('ul', { class: 'links' }, located.map((g) => h('li', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); showGroup(g); } }, g.place?.label || g.key), h('span', { class: 'muted' }, ` · ${g.events.length}`)))),
          ),
    );
  };

  const draw = () => {
    world.setAttribute('transform', `translate(${tx} ${ty}) scale(${k})`);
    for (const c of marks.querySelectorAll('.point')) {
      c.setAttribute('r', Number(c.dataset.r) / Math.sqrt(k));
      c.setAttribute('stroke-width', 1.5 / k);
    }
    // labels that would overlap one already placed (places with more events first) stay hidden
    const placed = [];
    for (const t of labels.querySelectorAll('.point-label')) {
      t.setAttribute('font-size', 12 / k);
      t.setAttribute('stroke-width', 3 / k);
      t.setAttribute('dx', 9 / k);
      const x = Number(t.getAttribute('x')) * k + tx + 9;
      const y = Number(t.getAttribute('y')) * k + ty;
      const box = [x, y - 12, x + 7 * t.textContent.length, y + 2];
      const clash = placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
      t.style.display = clash ? 'none' : '';
      if (!clash) placed.push(box);
    }
  };
  const remember = () => go(withParams(params, { at: [tx, ty, k].map((v) => Math.round(v * 100) / 100).join(',') }), { replace: true, render: false });

  for (const g of located) {
    const [x, y] = projection(g.point);
    const r = 5 + 3 * Math.sqrt(g.events.length);
    const label = `${g.place?.label || ''}: ${g.events.length} event${g.events.length === 1 ? '' : 's'}`;
    const circle = s('circle', {
      cx: x,
      cy: y,
      r,
      class: 'point',
      fill: colorOf(g),
      tabindex: 0,
      role: 'button',
      'aria-label': label,
      dataset: { r, key: g.key, place: g.place?.id || '' },
      onclick: () => showGroup(g),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          showGroup(g);
        }
      },
    });
    circle.append(s('title', {}, label));
    marks.append(circle);
    labels.append(s('text', { x, y: y + 4, class: 'point-label' }, g.place?.label || ''));
  }

  // zoom with the wheel or the buttons, pan by dragging
  const zoomAt = (factor, cx, cy) => {
    const next = Math.min(Math.max(k * factor, 1), 40);
    tx = cx - ((cx - tx) * next) / k;
    ty = cy - ((cy - ty) * next) / k;
    k = next;
    draw();
  };
  const toSvg = (event) => {
    const box = svg.getBoundingClientRect();
    return [((event.clientX - box.left) * WIDTH) / box.width, ((event.clientY - box.top) * HEIGHT) / box.height];
  };
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, ...toSvg(event));
    remember();
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.target.classList.contains('point')) return;
    drag = { start: toSvg(event), tx, ty };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const [x, y] = toSvg(event);
    tx = drag.tx + x - drag.start[0];
    ty = drag.ty + y - drag.start[1];
    draw();
  });
  svg.addEventListener('pointerup', () => {
    if (drag) remember();
    drag = null;
  });
  const button = (text, label, action) => h('button', { type: 'button', class: 'button', 'aria-label': label, onclick: () => { action(); draw(); remember(); } }, text);
  const zoomBar = h(
    'div',
    { class: 'map-tools' },
    button('+', 'Zoom in', () => zoomAt(1.5, WIDTH / 2, HEIGHT / 2)),
    button('−', 'Zoom out', () => zoomAt(1 / 1.5, WIDTH / 2, HEIGHT / 2)),
    button('Fit events', 'Fit the events', () => { [tx, ty, k] = fit(located.map((g) => projection(g.point))); }),
    button('World', 'Whole world', () => { [tx, ty, k] = [0, 0, 1]; }),
  );

  const kinds = [...new Set(found.nodes.filter(pointOf).map((e) => e.kind))].filter(Boolean);
  const legend = h(
    'ul',
    { class: 'legend-inline' },
    kinds.map((kind) => h('li', {}, s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 6, fill: EVENT_KINDS[kind] ? eventKindColor(kind) : '#5F6D7C' })), pretty(kind))),
    located.some((g) => new Set(g.events.map((e) => e.kind)).size > 1)
      ? h('li', {}, s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 6, fill: '#3B4A5A' })), 'several kinds')
      : null,
    h('li', {}, 'size: number of events at the place'),
  );

  const missing = found.total - placed;
  fill(main, 
    h(
      'div',
      { class: 'view-head' },
      h('h1', {}, 'Map of events'),
      h(
        'p',
        { class: 'lead' },
        `${formatNumber(placed)} of ${formatNumber(found.total)} events`,
        chips.length ? [' matching ', h('span', { class: 'chips' }, chips)] : null,
        ' have coordinates (their venue’s, else their city’s)',
        missing > 0 ? `; ${formatNumber(missing)} ${missing === 1 ? 'has' : 'have'} none yet and ${missing === 1 ? 'is' : 'are'} not shown` : '',
        '.',
      ),
    ),
    form,
    found.errors.length ? notice(found.errors.join('; '), 'error') : null,
    h(
      'div',
      { class: 'map-layout' },
      h('div', { class: 'map-frame card' }, zoomBar, svg, legend, h('p', { class: 'attribution muted small' }, 'Country shapes: Natural Earth 1:110m Admin 0 (public domain), via world-atlas 2.0.2 (ISC). ', h('a', { href: '/explore/NOTICES.txt' }, 'Licences'))),
      side,
    ),
  );
  draw();
  showGroup(null);
  main.querySelector('.map').dataset.points = String(located.length);
  return 'Map';
}

/** Translate and zoom that frame the projected points with a margin, no closer than 8x. */
function fit(points) {
  if (!points.length) return [0, 0, 1];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.min(Math.max(Math.min(WIDTH / (x1 - x0 + 160), HEIGHT / (y1 - y0 + 120)), 1), 8);
  return [WIDTH / 2 - k * ((x0 + x1) / 2), HEIGHT / 2 - k * ((y0 + y1) / 2), k];
}
