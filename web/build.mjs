// Builds the explorer into dist/explore/ (served at /explore): the ES modules of explore/src bundled by esbuild,
// the page and its style, Natural Earth country shapes from world-atlas, and the licences of everything bundled.
// Run by `make web-assets`; offline once `npm ci` has installed the pinned packages.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, 'explore');
const target = path.join(here, 'dist', 'explore');
const staging = `${target}.tmp`;
const SHAPES = 'countries-110m.json';

function packageOf(input) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : null;
}

async function licenceText(name) {
  const folder = path.join(here, 'node_modules', name);
  const meta = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8'));
  const file = (await readdir(folder)).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? await readFile(path.join(folder, file), 'utf8') : `(${meta.license}; no licence file shipped)`;
  return `${name} ${meta.version} (${meta.license})\n${'-'.repeat(60)}\n${text.trim()}\n`;
}

await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
const result = await build({
  entryPoints: [path.join(source, 'src', 'main.js')],
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  outfile: path.join(staging, 'explore.js'),
});
await copyFile(path.join(source, 'index.html'), path.join(staging, 'index.html'));
await copyFile(path.join(source, 'explore.css'), path.join(staging, 'explore.css'));
await copyFile(path.join(here, 'node_modules', 'world-atlas', SHAPES), path.join(staging, SHAPES));

const bundled = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(Boolean))].sort();
const notices = [
  'The eventgraph explorer bundles these packages from the npm registry (versions pinned in web/package-lock.json).',
  '',
  `Country shapes: ${SHAPES} from world-atlas (ISC), "a convenient redistribution of Natural Earth's vector data,`,
  'version 4.1.0 as TopoJSON" (its README): Admin 0 country boundaries at 1:110m. Natural Earth is in the public domain;',
  'its makers: "if you\'re in the United States, the public domain sticker holds true for all themes"',
  '(https://www.naturalearthdata.com/forums/topic/licensing-naturalearth-pd-vs-gadm-license/).',
  '',
  ...(await Promise.all([...bundled, 'world-atlas'].map(licenceText))),
].join('\n');
await writeFile(path.join(staging, 'NOTICES.txt'), notices);

await rm(target, { recursive: true, force: true });
await rename(staging, target);
const size = (await readFile(path.join(target, 'explore.js'))).length;
console.log(`explorer built into ${path.relative(process.cwd(), target) || '.'}: explore.js ${Math.round(size / 1024)} KiB, bundles ${bundled.join(', ')}`);
if (!existsSync(path.join(target, 'index.html'))) process.exit(1);
