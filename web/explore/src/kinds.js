// Names and colours of kinds, one table for every view. Colours follow the Okabe-Ito palette (readable with the
// common colour-vision deficiencies); shapes tell the entity types apart in the network without colour.

/** 'USER_GROUP', 'user-group' -> 'User group'. */
export function pretty(value) {
  if (!value) return '';
  if (/^edit[-_]a[-_]thon$/i.test(value)) return 'Edit-a-thon';
  const text = String(value).replace(/[_-]+/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A facet key ('user-group') as the GraphQL enum name ('USER_GROUP'). */
export function enumName(value) {
  return String(value).toUpperCase().replace(/-/g, '_');
}

export const ORGANIZATION_KINDS = {
  FOUNDATION: { label: 'Foundation', color: '#882255' },
  CHAPTER: { label: 'Chapter', color: '#0072B2' },
  USER_GROUP: { label: 'User group', color: '#56B4E9' },
  THEMATIC_ORGANIZATION: { label: 'Thematic organization', color: '#009E73' },
  IGO: { label: 'IGO', color: '#D55E00' },
  NGO: { label: 'NGO', color: '#E69F00' },
  OTHER: { label: 'Other organization', color: '#7F7F7F' },
  UNKNOWN: { label: 'Organization, kind not stated', color: '#BFC7CF' },
};

export const TYPES = {
  Organization: { label: 'Organization', shape: 'ellipse', color: '#56B4E9' },
  Event: { label: 'Event', shape: 'round-rectangle', color: '#F0E442' },
  EventSeries: { label: 'Event series', shape: 'hexagon', color: '#CC79A7' },
  Partnership: { label: 'Partnership', shape: 'diamond', color: '#9AA9B8' },
  Place: { label: 'Place', shape: 'triangle', color: '#A6D8B0' },
  Person: { label: 'Person', shape: 'vee', color: '#E69F00' },
};

/** The search API's EntityType enum, as GraphQL __typename. */
export const TYPE_OF_ENUM = {
  EVENT: 'Event',
  EVENT_SERIES: 'EventSeries',
  ORGANIZATION: 'Organization',
  PARTNERSHIP: 'Partnership',
  PLACE: 'Place',
  GRANT_PROGRAM: 'GrantProgram',
  GRANT_ROUND: 'GrantRound',
  GRANT: 'Grant',
  LANGUAGE: 'Language',
  PERSON: 'Person',
};

export const EVENT_KINDS = {
  CONFERENCE: '#0072B2',
  HACKATHON: '#D55E00',
  UNCONFERENCE: '#56B4E9',
  TECHNICAL_CONFERENCE: '#882255',
  MEETUP: '#009E73',
  WORKSHOP: '#E69F00',
  CAMPAIGN: '#CC79A7',
  EDIT_A_THON: '#44AA99',
  TRAINING: '#999933',
  MEETING: '#332288',
};

export function eventKindColor(kind) {
  return EVENT_KINDS[kind] || '#5F6D7C';
}

export function organizationKind(kind) {
  return ORGANIZATION_KINDS[kind] || ORGANIZATION_KINDS.UNKNOWN;
}

export function typeLabel(typename) {
  return (TYPES[typename] || {}).label || pretty(typename.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/** The year a partial date starts in ('2025-04' -> 2025), or null. */
export function yearOf(date) {
  const match = /^(\d{4})/.exec(date || '');
  return match ? Number(match[1]) : null;
}

/** A partial date as a fractional year, for placing it on an axis ('2025-07' -> 2025.5). */
export function yearFraction(date) {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || '');
  if (!match) return null;
  const month = match[2] ? Number(match[2]) - 1 : 0;
  const day = match[3] ? Number(match[3]) - 1 : 0;
  return Number(match[1]) + (month + day / 31) / 12;
}
