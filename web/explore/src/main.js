// The explorer's entry point: one page, one view at a time, chosen by ?view= (see url.js).

import { fill, h, notice } from './dom.js';
import { renderEntity } from './entity.js';
import { renderFacets } from './facets.js';
import { renderMap } from './map.js';
import { renderNetwork } from './network.js';
import { renderSearch, setupSearch } from './search.js';
import { renderTimeline } from './timeline.js';
import { current, listen } from './url.js';

const VIEWS = {
  facets: renderFacets,
  search: renderSearch,
  entity: renderEntity,
  network: renderNetwork,
  timeline: renderTimeline,
  map: renderMap,
};
const NAV = { facets: 'facets', search: null, entity: null, network: 'network', timeline: 'timeline', map: 'map' };

const main = document.getElementById('main');
let generation = 0;

async function render() {
  const params = current();
  const view = Object.hasOwn(VIEWS, params.get('view')) ? params.get('view') : 'facets';
  const mine = ++generation;
  document.body.dataset.view = view;
  document.body.dataset.state = 'loading';
  for (const link of document.querySelectorAll('nav.views a')) {
    if (link.dataset.view === NAV[view]) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.setAttribute('aria-busy', 'true');
  fill(main, h('p', { class: 'loading' }, 'Loading…'));
  let title;
  try {
    title = await VIEWS[view](main, params);
  } catch (error) {
    if (mine !== generation) return;
    fill(main, notice(`This view could not be shown: ${error.message}`, 'error'));
    document.body.dataset.state = 'error';
    main.removeAttribute('aria-busy');
    return;
  }
  if (mine !== generation) return;
  document.title = `${title} · eventgraph explorer`;
  main.removeAttribute('aria-busy');
  document.body.dataset.state = 'ready';
}

setupSearch(document.getElementById('q'), document.getElementById('suggestions'));
listen(render);
render();
