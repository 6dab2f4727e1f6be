// Every view is a URL: /explore?view=...&... reproduces what the page shows. Links are real links; the router
// turns clicks on them into history entries instead of page loads.

export const BASE = '/explore';

export function current() {
  return new URLSearchParams(window.location.search);
}

/** A comma-separated list parameter (ids never hold commas). */
export function list(params, key) {
  return (params.get(key) || '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The URL of a view: empty values are left out. */
export function href(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${BASE}?${text}` : BASE;
}

/** The same view with some values changed (null removes one). */
export function withParams(params, changes) {
  const values = Object.fromEntries(params.entries());
  return href({ ...values, ...changes });
}

export function entityHref(id) {
  return href({ view: 'entity', id });
}

let onChange = () => {};

export function listen(render) {
  onChange = render;
  window.addEventListener('popstate', () => onChange());
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== BASE) return;
    event.preventDefault();
    go(url.pathname + url.search);
  });
}

/** Show another view (a new history entry), or change this one's URL in place (`replace`). */
export function go(url, { replace = false, render = true } = {}) {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  if (render) onChange();
}
