// Small charts drawn by hand: horizontal bars (HTML, so labels stay text) and columns over years (SVG).

import { formatNumber, h, s } from './dom.js';

/** Bars of `rows` [{label, count, href, color, title}], largest first, the first `top` shown. */
export function barList(rows, { top = 12, color = '#0072B2', unit = 'events' } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, 'Nothing to count.');
  const max = Math.max(...rows.map((r) => r.count), 1);
  const shown = rows.slice(0, top);
  const list = h(
    'ol',
    { class: 'bars' },
    shown.map((row) => {
      const width = `${Math.max(2, (100 * row.count) / max)}%`;
      const name = row.href ? h('a', { href: row.href, title: row.title || null }, row.label) : row.label;
      return h(
        'li',
        {},
        h('span', { class: 'bar-label' }, name),
        h(
          'span',
          { class: 'bar-track', 'aria-hidden': 'true' },
          h('span', { class: 'bar', style: `width:${width};background:${row.color || color}` }),
        ),
        h('span', { class: 'bar-value', title: `${row.count} ${unit}` }, formatNumber(row.count)),
      );
    }),
  );
  const more = rows.length - shown.length;
  return h('div', {}, list, more > 0 ? h('p', { class: 'muted small' }, `and ${more} more`) : null);
}

/** Columns per year [{year, count, href}] on a continuous axis (years without events show as gaps). */
export function yearColumns(rows, { color = '#0072B2', width = 640, height = 170, unit = 'events' } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, 'No dated events.');
  const first = Math.min(...rows.map((r) => r.year));
  const last = Math.max(...rows.map((r) => r.year));
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const years = last - first + 1;
  const left = 28;
  const bottom = 22;
  const top = 8;
  const step = (width - left) / years;
  const max = Math.max(...rows.map((r) => r.count), 1);
  const scale = (n) => ((height - bottom - top) * n) / max;
  const ticks = niceTicks(max);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${unit} per year` },
    ticks.map((t) =>
      s(
        'g',
        {},
        s('line', { x1: left, x2: width, y1: height - bottom - scale(t), y2: height - bottom - scale(t), class: 'grid' }),
        s('text', { x: left - 4, y: height - bottom - scale(t) + 3, class: 'axis', 'text-anchor': 'end' }, t),
      ),
    ),
  );
  const labelEvery = Math.ceil(years / (width / 40));
  for (let i = 0; i < years; i += 1) {
    const year = first + i;
    const row = byYear.get(year);
    const x = left + i * step;
    if (row) {
      const bar = s('rect', {
        x: x + step * 0.12,
        y: height - bottom - scale(row.count),
        width: step * 0.76,
        height: scale(row.count),
        fill: row.color || color,
        rx: 1.5,
      });
      bar.append(s('title', {}, `${year}: ${row.count} ${unit}`));
      svg.append(row.href ? s('a', { href: row.href, 'aria-label': `${year}: ${row.count} ${unit}` }, bar) : bar);
    }
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: x + step / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, year));
    }
  }
  return svg;
}

function niceTicks(max) {
  const step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : 10 ** Math.floor(Math.log10(max));
  const ticks = [];
  for (let t = step; t <= max; t += step) ticks.push(t);
  return ticks;
}
