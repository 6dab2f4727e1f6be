// ?view=network: the co-organization network of the whole movement (no seeds), or the network around a selection
// (seeds=...), drawn with Cytoscape.js; a click on a node expands it (expand=... keeps that in the URL).

import cytoscape from 'cytoscape';

import { persisted } from './api.js';
import { fill, formatNumber, h, notice, s } from './dom.js';
import { filterForm, years } from './filters.js';
import { ORGANIZATION_KINDS, organizationKind, pretty, TYPES, typeLabel } from './kinds.js';
import { emptyModel, mergeCoOrganization, mergeNetwork, visible } from './network-model.js';
import { current, entityHref, go, href, list, withParams } from './url.js';

const RELATIONS = {
  CO_ORGANIZATION: { label: 'Organized or supported events together, or partners', color: '#5F6D7C', style: 'solid' },
  ORGANIZER: { label: 'Organizer of', color: '#3B4A5A', style: 'solid' },
  PARTNER: { label: 'Partner or sponsor of', color: '#D55E00', style: 'dashed' },
  PARTY: { label: 'Party to a partnership', color: '#0072B2', style: 'dotted' },
};

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)',
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(short)',
      'font-size': 'data(font)',
      'font-family': 'system-ui, sans-serif',
      color: '#1d2733',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'text-max-width': 140,
      'text-wrap': 'ellipsis',
      'min-zoomed-font-size': 8,
      'border-width': 1,
      'border-color': '#3B4A5A',
    },
  },
  { selector: 'node[?pinned]', style: { 'border-width': 3, 'border-color': '#111111', 'font-weight': 'bold' } },
  { selector: 'node[?expanded]', style: { 'border-style': 'double', 'border-width': 5 } },
  { selector: 'node:selected', style: { 'border-color': '#C00000', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(color)',
      'line-style': 'data(style)',
      'curve-style': 'bezier',
      opacity: 0.65,
    },
  },
  { selector: 'edge:selected', style: { opacity: 1, 'line-color': '#C00000' } },
];

function appearance(node) {
  const type = TYPES[node.type] || TYPES.Place;
  const color = node.type === 'Organization' ? organizationKind(node.kind).color : type.color;
  const label = node.short || node.label;
  return {
    color,
    shape: type.shape,
    size: Math.round(16 + 9 * Math.sqrt(node.degree)),
    // hubs keep a readable label when the whole network is zoomed out
    font: Math.round(10 + 3 * Math.sqrt(node.degree)),
    short: label.length > 30 ? `${label.slice(0, 28)}…` : label,
  };
}

function elements(shown, { pinned, expanded }) {
  return [
    ...shown.nodes.map((n) => ({
      group: 'nodes',
      data: { ...n, ...appearance(n), pinned: pinned.has(n.id), expanded: expanded.has(n.id) },
    })),
    ...shown.links.map((l) => {
      const relation = RELATIONS[l.relation] || RELATIONS.ORGANIZER;
      return {
        group: 'edges',
        data: {
          id: l.key,
          source: l.source,
          target: l.target,
          relation: l.relation,
          color: relation.color,
          style: relation.style,
          width: Math.min(1.2 + 1.3 * l.weight, 9),
          weight: l.weight,
          kinds: l.kinds || [],
          events: l.events || [],
          partnerships: l.partnerships || [],
        },
      };
    }),
  ];
}

function state(params) {
  const seeds = list(params, 'seeds');
  const depth = Math.min(Math.max(Number(params.get('depth')) || 2, 1), 3);
  const kinds = list(params, 'okind').filter((k) => k in ORGANIZATION_KINDS);
  const { from, to } = years(params);
  return {
    seeds,
    depth,
    kinds,
    from,
    to,
    place: params.get('place'),
    events: params.get('events') !== 'hide',
    expand: list(params, 'expand'),
  };
}

async function load(st) {
  const model = emptyModel();
  const errors = [];
  if (st.seeds.length) {
    const data = await persisted('explore-network', { seeds: st.seeds, depth: st.depth });
    errors.push(...data.errors);
    if (data.network) mergeNetwork(model, data.network);
  } else {
    const during = st.from || st.to ? { ...(st.from && { from: st.from }), ...(st.to && { to: st.to }) } : null;
    const events = { ...(during && { during }), ...(st.place && { country: [st.place] }) };
    const organizations = st.kinds.length ? { kind: st.kinds } : null;
    const data = await persisted('explore-co-organization', { organizations, events, first: 200 });
    errors.push(...data.errors);
    if (data.coOrganization) mergeCoOrganization(model, data.coOrganization);
  }
  if (st.expand.length) {
    const data = await persisted('explore-network', { seeds: st.expand, depth: 1 });
    errors.push(...data.errors);
    if (data.network) mergeNetwork(model, data.network);
  }
  return { model, errors };
}

function swatch(shape, color) {
  const path = {
    ellipse: s('circle', { cx: 8, cy: 8, r: 6 }),
    'round-rectangle': s('rect', { x: 2, y: 3, width: 12, height: 10, rx: 3 }),
    hexagon: s('polygon', { points: '4,2 12,2 15,8 12,14 4,14 1,8' }),
    diamond: s('polygon', { points: '8,1 15,8 8,15 1,8' }),
    triangle: s('polygon', { points: '8,2 15,14 1,14' }),
    vee: s('polygon', { points: '1,2 8,8 15,2 8,15' }),
  }[shape];
  path.setAttribute('fill', color);
  path.setAttribute('stroke', '#3B4A5A');
  return s('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' }, path);
}

function legend(shown) {
  const kinds = new Set(shown.nodes.filter((n) => n.type === 'Organization').map((n) => n.kind || 'UNKNOWN'));
  const types = new Set(shown.nodes.map((n) => n.type).filter((t) => t !== 'Organization'));
  const relations = new Set(shown.links.map((l) => l.relation));
  const items = [
    ...Object.entries(ORGANIZATION_KINDS)
      .filter(([k]) => kinds.has(k))
      .map(([, k]) => h('li', {}, swatch('ellipse', k.color), k.label)),
    ...[...types].map((t) => h('li', {}, swatch((TYPES[t] || TYPES.Place).shape, (TYPES[t] || TYPES.Place).color), typeLabel(t))),
    ...[...relations].map((r) =>
      h(
        'li',
        {},
        s(
          'svg',
          { width: 22, height: 10, 'aria-hidden': 'true' },
          s('line', {
            x1: 0,
            x2: 22,
            y1: 5,
            y2: 5,
            stroke: RELATIONS[r].color,
            'stroke-width': 2.5,
            'stroke-dasharray': RELATIONS[r].style === 'dashed' ? '5 3' : RELATIONS[r].style === 'dotted' ? '2 2' : null,
          }),
        ),
        RELATIONS[r].label,
      ),
    ),
  ];
  return h(
    'section',
    { class: 'legend', 'aria-label': 'Legend' },
    h('h2', {}, 'Legend'),
    h('ul', {}, items),
    h('p', { class: 'muted small' }, 'Size: number of links shown. Thick border: the selection; double border: expanded.'),
  );
}

function nodeList(shown, expandButton) {
  const rows = [...shown.nodes].sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
  return h(
    'details',
    { class: 'node-list' },
    h('summary', {}, `The network as a list: ${shown.nodes.length} nodes, ${shown.links.length} links`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Kind'), h('th', {}, 'Links'), h('th', {}, ''))),
      h(
        'tbody',
        {},
        rows.map((n) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: entityHref(n.id) }, n.label)),
            h('td', {}, n.type === 'Organization' ? organizationKind(n.kind).label : typeLabel(n.type)),
            h('td', { class: 'num' }, n.degree),
            h('td', {}, expandButton(n)),
          ),
        ),
      ),
    ),
  );
}

function controls(params, st, form, labelOf) {
  const update = (change) => go(withParams(params, { ...change, expand: null }));
  const kindBoxes = Object.entries(ORGANIZATION_KINDS).map(([key, k]) =>
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'okind',
        value: key,
        checked: st.kinds.includes(key),
        onchange: (e) => {
          const next = e.target.checked ? [...st.kinds, key] : st.kinds.filter((x) => x !== key);
          update({ okind: next });
        },
      }),
      swatch('ellipse', k.color),
      k.label,
    ),
  );
  const seedChips = st.seeds.map((id) =>
    h('a', { class: 'chip', href: withParams(params, { seeds: st.seeds.filter((x) => x !== id), expand: null }), title: `Remove ${id}` }, labelOf(id), ' ×'),
  );
  return h(
    'div',
    { class: 'network-controls' },
    h(
      'p',
      { class: 'selection' },
      st.seeds.length
        ? ['Around ', h('span', { class: 'chips' }, seedChips), ' · ', h('a', { href: href({ view: 'network' }) }, 'whole movement')]
        : 'The whole movement: organizations linked by events they organized or supported together, and by partnerships. Search for an entity to see the network around it.',
    ),
    h('fieldset', { class: 'kinds' }, h('legend', {}, 'Organizations shown (none ticked: all)'), kindBoxes),
    h(
      'div',
      { class: 'filters-row' },
      form,
      st.seeds.length
        ? [
            h(
              'label',
              { class: 'field' },
              h('span', {}, 'Hops'),
              h(
                'select',
                { name: 'depth', onchange: (e) => update({ depth: e.target.value }) },
                [1, 2, 3].map((d) => h('option', { value: d, selected: d === st.depth }, String(d))),
              ),
            ),
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                name: 'events',
                checked: st.events,
                onchange: (e) => update({ events: e.target.checked ? null : 'hide' }),
              }),
              'Events, series and partnerships',
            ),
          ]
        : null,
    ),
  );
}

function details(node, cy, expandButton) {
  if (!node) return h('p', { class: 'muted' }, 'Click a node to expand it and see its links here; click a link to see the events and partnerships behind it.');
  const neighbours = cy
    .getElementById(node.id)
    .neighborhood('node')
    .map((n) => n.data())
    .sort((a, b) => a.label.localeCompare(b.label));
  const kind = node.type === 'Organization' ? organizationKind(node.kind).label : node.kind ? pretty(node.kind) : null;
  return h(
    'div',
    {},
    h('p', { class: 'eyebrow' }, typeLabel(node.type), kind ? ` · ${kind}` : '', node.start ? ` · ${node.start}` : ''),
    h('h2', {}, h('a', { href: entityHref(node.id) }, node.label)),
    h('p', {}, `${node.degree} link${node.degree === 1 ? '' : 's'} shown`),
    h('p', { class: 'actions' }, expandButton(node), h('a', { class: 'button', href: href({ view: 'network', seeds: node.id }) }, 'Only around this')),
    h('ul', { class: 'links' }, neighbours.map((n) => h('li', {}, h('a', { href: entityHref(n.id) }, n.label)))),
  );
}

const LINK_KINDS = {
  CO_ORGANIZERS: 'organized an event together',
  ORGANIZER_PARTNER: 'one organized an event the other supported',
  PARTNERSHIP: 'partners in a partnership',
};

function linkDetails(link, labelOf) {
  const relation = RELATIONS[link.relation] || RELATIONS.ORGANIZER;
  return h(
    'div',
    {},
    h('p', { class: 'eyebrow' }, relation.label),
    h('h2', {}, h('a', { href: entityHref(link.source) }, labelOf(link.source)), ' — ', h('a', { href: entityHref(link.target) }, labelOf(link.target))),
    link.kinds.length ? h('p', { class: 'muted' }, pretty(link.kinds.map((k) => LINK_KINDS[k] || k).join('; '))) : null,
    link.events.length
      ? [h('h3', {}, `Events (${link.events.length})`), h('ul', { class: 'links' }, link.events.map((e) => h('li', {}, h('a', { href: entityHref(e.id) }, e.label), e.startDate ? h('span', { class: 'muted' }, ` · ${e.startDate}`) : null)))]
      : null,
    link.partnerships.length
      ? [h('h3', {}, `Partnerships (${link.partnerships.length})`), h('ul', { class: 'links' }, link.partnerships.map((p) => h('li', {}, h('a', { href: entityHref(p.id) }, p.label))))]
      : null,
  );
}

export async function renderNetwork(main, params) {
  const st = state(params);
  const [{ model, errors }, form] = await Promise.all([load(st), filterForm(params, ['place', 'years'])]);
  const pinned = new Set(st.seeds);
  const expanded = new Set(st.expand);
  const options = () => ({ ...st, pinned: new Set([...pinned, ...expanded]) });
  let shown = visible(model, options());

  const canvas = h('div', { class: 'network-canvas', role: 'img', 'aria-label': 'Network drawing (the list below holds the same)' });
  const panel = h('aside', { class: 'network-panel card', 'aria-live': 'polite' });
  const legendSlot = h('div', {});
  const listSlot = h('div', {});
  const summary = h('p', { class: 'muted small', id: 'network-summary' });
  fill(main, 
    h('div', { class: 'view-head' }, h('h1', {}, st.seeds.length ? 'Network around the selection' : 'Co-organization network')),
    controls(params, st, form, (id) => model.nodes.get(id)?.label || id),
    errors.length ? notice(errors.join('; '), 'error') : null,
    model.truncated ? notice('The network was cut at the node cap: fewer hops show all of it.') : null,
    h('div', { class: 'network' }, canvas, h('div', { class: 'network-side' }, panel, legendSlot)),
    summary,
    listSlot,
  );

  const cy = cytoscape({
    container: canvas,
    elements: elements(shown, { pinned, expanded }),
    style: STYLE,
    layout: { name: 'preset' },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 4,
  });
  window.eventgraphExplorer = { ...(window.eventgraphExplorer || {}), network: cy };

  const layout = (around) => {
    // deterministic: a circle by id first, new nodes next to the node they came from, then force-directed
    if (!around) {
      cy.nodes().sort((a, b) => (a.id() < b.id() ? -1 : 1)).layout({ name: 'circle', animate: false }).run();
    }
    cy.layout({
      name: 'cose',
      animate: false,
      randomize: false,
      nodeRepulsion: () => 24000,
      idealEdgeLength: () => 95,
      nodeOverlap: 20,
      componentSpacing: 60,
      padding: 30,
      fit: true,
    }).run();
    // a small network fitted to the frame would be drawn huge: keep it at a readable scale
    if (cy.zoom() > 1.4) {
      cy.zoom(1.4);
      cy.center();
    }
  };

  const refresh = (around) => {
    shown = visible(model, options());
    const wanted = elements(shown, { pinned, expanded });
    const ids = new Set(wanted.map((e) => e.data.id));
    cy.elements().filter((e) => !ids.has(e.id())).remove();
    const origin = around ? cy.getElementById(around).position() : { x: 0, y: 0 };
    wanted.forEach((e, i) => {
      const existing = cy.getElementById(e.data.id);
      if (existing.nonempty()) existing.data(e.data);
      else if (e.group === 'nodes') {
        const angle = (2 * Math.PI * i) / wanted.length;
        cy.add({ ...e, position: { x: origin.x + 60 * Math.cos(angle), y: origin.y + 60 * Math.sin(angle) } });
      } else cy.add(e);
    });
    layout(around);
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
    summary.textContent =
      `${formatNumber(shown.nodes.length)} nodes and ${formatNumber(shown.links.length)} links shown` +
      (model.totalLinks > shown.links.length && !st.seeds.length ? ` (of ${formatNumber(model.totalLinks)} links in all)` : '') +
      '. Scroll to zoom, drag to pan; click a node to expand it.';
    legendSlot.replaceChildren(legend(shown));
    listSlot.replaceChildren(nodeList(shown, expandButton));
  };

  const select = (id) => {
    const node = shown.nodes.find((n) => n.id === id) || null;
    cy.elements().unselect();
    if (node) cy.getElementById(id).select();
    panel.replaceChildren(details(node, cy, expandButton));
  };

  const expand = async (id) => {
    if (expanded.has(id)) return select(id);
    expanded.add(id);
    go(withParams(current(), { expand: [...expanded] }), { render: false });
    canvas.dataset.state = 'expanding';
    try {
      const data = await persisted('explore-network', { seeds: [id], depth: 1 });
      if (data.network) mergeNetwork(model, data.network);
      refresh(id);
      select(id);
    } catch (error) {
      panel.replaceChildren(notice(error.message, 'error'));
    }
    canvas.dataset.state = 'ready';
  };

  function expandButton(node) {
    return expanded.has(node.id)
      ? h('span', { class: 'muted small' }, 'expanded')
      : h('button', { type: 'button', class: 'button', onclick: () => expand(node.id) }, 'Expand');
  }

  cy.on('tap', 'node', (event) => expand(event.target.id()));
  cy.on('tap', 'edge', (event) => {
    cy.elements().unselect();
    event.target.select();
    panel.replaceChildren(linkDetails(event.target.data(), (id) => model.nodes.get(id)?.label || id));
  });
  refresh(null);
  select(null);
  canvas.dataset.state = 'ready';
  if (!shown.nodes.length) canvas.before(notice('Nothing to show with these filters.'));
  return st.seeds.length ? `Network: ${st.seeds.map((id) => model.nodes.get(id)?.label || id).join(', ')}` : 'Co-organization network';
}
