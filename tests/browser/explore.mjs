// Drives /explore as a researcher would, in Debian's headless chromium through playwright-core (no browser
// download): open, search, click through to a network, expand a node, open a timeline and the map, reopen a view
// from its URL. Saves a screenshot per step and prints a JSON report; tests/browser/test_explore.py asserts on it.
//
// usage: node explore.mjs '{"base": "http://127.0.0.1:PORT", "executablePath": "/usr/bin/chromium",
//                            "flags": [...], "profile": "/tmp/profile", "screenshots": "/path/to/dir"}'
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const config = JSON.parse(process.argv[2]);
mkdirSync(config.screenshots, { recursive: true });
const report = { steps: [], consoleErrors: [], pageErrors: [], failedRequests: [], outsideRequests: [] };
const base = new URL(config.base);

const context = await chromium.launchPersistentContext(config.profile, {
  executablePath: config.executablePath,
  headless: true,
  args: config.flags.filter((f) => f !== '--headless'),
  viewport: { width: 1360, height: 900 },
  deviceScaleFactor: 1,
});
context.setDefaultTimeout(20000);
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.host !== base.host) {
    report.outsideRequests.push(url.href);
    return route.abort();
  }
  return route.continue();
});

function watch(page) {
  page.on('console', (m) => {
    if (m.type() === 'error') report.consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => report.pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) report.failedRequests.push(`${r.status()} ${r.url()}`);
  });
}

async function ready(page) {
  await page.waitForSelector('body[data-state="ready"]');
}

/** Where a node or link of the network is drawn, in page coordinates (to click it like a person would). */
function drawnAt(page, id) {
  return page.evaluate((wanted) => {
    const cy = window.eventgraphExplorer.network;
    const element = cy.getElementById(wanted);
    if (element.empty()) return null;
    const box = cy.container().getBoundingClientRect();
    const p = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
}

async function shot(page, name, facts = {}) {
  const file = path.join(config.screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  report.steps.push({ name, url: page.url().replace(config.base, ''), title: await page.title(), ...facts });
}

const page = await context.newPage();
watch(page);

// 1. open: the overview's facet charts
await page.goto(`${config.base}/explore`);
await ready(page);
await shot(page, '01-overview', {
  charts: await page.locator('section.card h2').allTextContents(),
  lead: await page.locator('.lead').first().textContent(),
});

// 2. search as you type, then open an organization from the suggestions
await page.locator('#q').pressSequentially('exampl', { delay: 40 });
await page.waitForSelector('#suggestions li[role="option"][data-id]');
const suggestions = await page.locator('#suggestions li[data-id]').evaluateAll((items) => items.map((i) => i.dataset.id));
await shot(page, '02-search', { suggestions });
await page.locator('#suggestions li[data-id="Q9000611"]').click();
await page.waitForURL(/view=entity/);
await ready(page);
await shot(page, '03-entity', {
  heading: await page.locator('h1').textContent(),
  facts: await page.locator('dl.facts').first().textContent(),
});

// 3. click through to the network around it
await page.getByRole('link', { name: 'Network around it' }).click();
await page.waitForURL(/view=network/);
await ready(page);
const canvas = page.locator('.network-canvas');
const before = Number(await canvas.getAttribute('data-nodes'));
await shot(page, '04-network', { nodes: before, edges: Number(await canvas.getAttribute('data-edges')) });

// 4. expand a node by clicking it on the canvas: the Mockovia user group, not yet expanded
const target = 'Q9000612';
const point = await drawnAt(page, target);
if (!point) throw new Error(`${target} is not drawn in the network`);
await page.mouse.click(point.x, point.y);
await page.waitForURL(/expand=Q9000612/);
await page.waitForFunction(
  (n) => Number(document.querySelector('.network-canvas').dataset.nodes) > n &&
    document.querySelector('.network-canvas').dataset.state === 'ready',
  before,
);
const expandedUrl = page.url();
const after = Number(await canvas.getAttribute('data-nodes'));
await shot(page, '05-network-expanded', {
  nodes: after,
  panel: await page.locator('.network-panel h2').textContent(),
});

// 5. the same URL in a fresh page reproduces the expanded network
const again = await context.newPage();
watch(again);
await again.goto(expandedUrl);
await ready(again);
const reproduced = Number(await again.locator('.network-canvas').getAttribute('data-nodes'));
report.steps.push({ name: 'reopen-network', nodes: reproduced });
await again.close();

// 6. the co-organization network of the whole movement, filtered to chapters, user groups and IGOs
await page.goto(`${config.base}/explore?view=network&okind=CHAPTER,USER_GROUP,IGO`);
await ready(page);
const coNodes = Number(await canvas.getAttribute('data-nodes'));
const legendItems = await page.locator('.legend li').allTextContents();
// a click on a link shows the events and partnerships behind it
const middle = await drawnAt(page, 'CO_ORGANIZATION|Q9000522|Q9000611');
if (!middle) throw new Error('the IGO - chapter link is not drawn');
await page.mouse.click(middle.x, middle.y);
await page.waitForSelector('.network-panel h3');
await shot(page, '06-co-organization', {
  nodes: coNodes,
  legend: legendItems,
  linkPanel: await page.locator('.network-panel li').allTextContents(),
});

// 7. the timeline of every series, then one series
await page.getByRole('link', { name: 'Timeline', exact: true }).click();
await page.waitForURL(/view=timeline/);
await ready(page);
await shot(page, '07-timeline', { lanes: await page.locator('svg.timeline .lane-label').allTextContents() });
await page.getByRole('link', { name: 'Synthetic Summit', exact: true }).click();
await page.waitForURL(/series=Q9000630/);
await ready(page);
await shot(page, '08-series', {
  heading: await page.locator('h1').textContent(),
  rows: await page.locator('table.editions tbody tr').count(),
});

// 8. the map, then one place on it
await page.getByRole('link', { name: 'Map', exact: true }).click();
await page.waitForURL(/view=map/);
await ready(page);
const points = Number(await page.locator('svg.map').getAttribute('data-points'));
await page.locator('svg.map circle.point[data-place="Q9000605"]').click();
await shot(page, '09-map', {
  points,
  countries: await page.locator('svg.map path.country').count(),
  panel: await page.locator('.map-side h2').textContent(),
  placeEvents: await page.locator('.map-side li').allTextContents(),
});

// 9. a phone-sized screen: the entity view of a series stacks into one column
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(`${config.base}/explore?view=entity&id=Q9000632`);
await ready(page);
await shot(page, '10-phone-entity', { heading: await page.locator('h1').textContent() });

await context.close();
process.stdout.write(JSON.stringify(report));
