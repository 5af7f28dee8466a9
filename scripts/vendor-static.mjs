// Copy the built front-end files the portal serves from node_modules into
// static/vendor/, so that pages never load anything from a CDN.
//
// Run with `npm run vendor` after `npm ci`. static/vendor/ is git-ignored and
// rebuilt from scratch on every run, so a removed file never lingers.

import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "static", "vendor");

// Resolve through Node itself so a nested install (a dependency of a
// dependency) is found as well as a hoisted one.
function packageDir(name, from = join(root, "package.json")) {
  const require = createRequire(from);
  return dirname(require.resolve(`${name}/package.json`));
}

function copy(source, target) {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`${relative(root, source)} -> ${relative(root, target)}`);
}

// The font files a stylesheet points at with url(./…), so only those are copied.
function relativeUrls(cssFile) {
  const css = readFileSync(cssFile, "utf8");
  const urls = [...css.matchAll(/url\(\s*['"]?(\.\/[^'")]+)['"]?\s*\)/g)];
  return [...new Set(urls.map((match) => match[1]))];
}

rmSync(vendor, { recursive: true, force: true });

const components = packageDir("@utrecht/component-library-css");
copy(join(components, "dist", "index.css"), join(vendor, "utrecht", "component-library.css"));
copy(join(components, "LICENSE.md"), join(vendor, "utrecht", "component-library.LICENSE.md"));

// The NL Design System's example theme (EUPL): neutral tokens any organisation may use.
// The portal's own colours are set on top of it in static/css/portal.css.
const tokens = packageDir("@nl-design-system-unstable/voorbeeld-design-tokens");
copy(join(tokens, "dist", "theme.css"), join(vendor, "nl-design-system", "voorbeeld-theme.css"));
copy(join(tokens, "LICENSE.md"), join(vendor, "nl-design-system", "voorbeeld-theme.LICENSE.md"));

// Noto Sans, served by us (static/css/portal.css makes it the font of text and headings).
const font = packageDir("@fontsource-variable/noto-sans");
const fontCss = join(font, "index.css");
copy(fontCss, join(vendor, "noto-sans", "index.css"));
copy(join(font, "LICENSE"), join(vendor, "noto-sans", "LICENSE"));
for (const url of relativeUrls(fontCss)) {
  copy(join(font, url), join(vendor, "noto-sans", url));
}

// Leaflet for the maps (BSD-2-Clause). Markers are drawn as div icons, but
// collectstatic's manifest storage refuses a file that names a missing one: so the
// script comes with the source map its last line names, and the stylesheet with the
// images (layer control, default marker) its url()s name.
const leaflet = packageDir("leaflet");
copy(join(leaflet, "dist", "leaflet.js"), join(vendor, "leaflet", "leaflet.js"));
copy(join(leaflet, "dist", "leaflet.js.map"), join(vendor, "leaflet", "leaflet.js.map"));
copy(join(leaflet, "dist", "leaflet.css"), join(vendor, "leaflet", "leaflet.css"));
for (const image of readdirSync(join(leaflet, "dist", "images"))) {
  copy(join(leaflet, "dist", "images", image), join(vendor, "leaflet", "images", image));
}
copy(join(leaflet, "LICENSE"), join(vendor, "leaflet", "LICENSE"));
