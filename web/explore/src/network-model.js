// The network view's data: API answers merged into one graph of nodes and links, then filtered for display.
// Plain objects only (no drawing here), so the rules of what is shown stay in one readable place.

import { yearOf } from './kinds.js';

function chain(place) {
  // a place and the places that contain it, as the network document asks for them (two levels up)
  const ids = [];
  for (let p = place; p; p = p.containedIn) ids.push(p.id);
  return ids;
}

export function emptyModel() {
  return { nodes: new Map(), links: new Map(), truncated: false, totalLinks: 0 };
}

function addNode(model, node) {
  const known = model.nodes.get(node.id);
  model.nodes.set(node.id, known ? { ...known, ...node, places: node.places || known.places } : node);
}

function addLink(model, link) {
  const key = `${link.relation}|${link.source}|${link.target}`;
  if (!model.links.has(key)) model.links.set(key, { ...link, key });
}

/** Merges a `network` answer (typed edges between organizations, events, series, partnerships). */
export function mergeNetwork(model, network) {
  for (const n of network.nodes) {
    const places = n.__typename === 'Event' ? chain(n.country) : [];
    addNode(model, {
      id: n.id,
      label: n.label,
      type: n.__typename,
      kind: n.organizationKind || n.eventKind || null,
      short: n.shortName || null,
      start: n.startDate || n.since || null,
      places,
    });
  }
  for (const e of network.edges) {
    addLink(model, { source: e.sourceId, target: e.targetId, relation: e.relation, weight: 1 });
  }
  model.truncated ||= network.truncated;
}

/** Merges a `coOrganization` answer (weighted links between organizations). */
export function mergeCoOrganization(model, network) {
  for (const n of network.nodes) {
    addNode(model, { id: n.id, label: n.label, type: 'Organization', kind: n.kind, short: n.shortName, places: [] });
  }
  for (const e of network.edges) {
    if (!e.source || !e.target) continue;
    addLink(model, {
      source: e.source.id,
      target: e.target.id,
      relation: 'CO_ORGANIZATION',
      weight: e.weight,
      kinds: e.kinds,
      events: e.events,
      partnerships: e.partnerships,
    });
  }
  model.totalLinks = network.totalEdges;
}

/**
 * What is shown: organizations of the chosen kinds (all when none is chosen), events in the chosen years and place,
 * events hidden altogether when asked; then only what still has a link, except the seeds and expanded nodes.
 */
export function visible(model, { kinds, from, to, place, events, pinned }) {
  const keep = (n) => {
    if (pinned.has(n.id)) return true;
    if (n.type === 'Organization') return !kinds.length || kinds.includes(n.kind || 'UNKNOWN');
    if (!events && n.type !== 'Organization') return false;
    if (n.type === 'Event') {
      const year = yearOf(n.start);
      if (from && (year === null || year < Number(from))) return false;
      if (to && (year === null || year > Number(to))) return false;
      if (place && !n.places.includes(place)) return false;
    }
    return true;
  };
  const nodes = new Map([...model.nodes].filter(([, n]) => keep(n)));
  const links = [...model.links.values()].filter((l) => nodes.has(l.source) && nodes.has(l.target));
  const degree = new Map();
  for (const l of links) {
    degree.set(l.source, (degree.get(l.source) || 0) + 1);
    degree.set(l.target, (degree.get(l.target) || 0) + 1);
  }
  const shown = [...nodes.values()]
    .filter((n) => degree.has(n.id) || pinned.has(n.id))
    .map((n) => ({ ...n, degree: degree.get(n.id) || 0 }));
  return { nodes: shown, links };
}
