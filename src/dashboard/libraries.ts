import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';

const require = createRequire(import.meta.url);

/** The folders the page's libraries are served from: the installed packages' own browser builds. */
const LIBRARY_DIRS: Readonly<Record<string, () => string>> = {
  vega: () => dirname(require.resolve('vega/vega-schema.json')),
  'vega-lite': () => dirname(require.resolve('vega-lite/vega-lite-schema.json')),
  katex: () => dirname(require.resolve('katex')),
};

/** The files a page may load from each library; fonts and the like are allowed by folder. */
const ALLOWED: Readonly<Record<string, RegExp>> = {
  vega: /^vega\.min\.js$/,
  'vega-lite': /^vega-lite\.min\.js$/,
  katex: /^(katex\.min\.(js|css)|fonts\/[\w.-]+\.(woff2?|ttf))$/,
};

/** Where the dashboard's own page scripts and style live. */
export const ASSETS_DIR = join(import.meta.dirname, 'assets');

/**
 * The file behind `/lib/<library>/<file>`, or undefined for anything not on the list: the
 * server hands out the three libraries' browser builds and nothing else from node_modules.
 */
export function libraryFile(library: string, file: string): string | undefined {
  const dir = LIBRARY_DIRS[library];
  if (dir === undefined || !ALLOWED[library]!.test(file)) return undefined;
  return join(dir(), file);
}

/** The file behind `/assets/<file>`, or undefined for a name that is not a plain asset name. */
export function assetFile(file: string): string | undefined {
  if (!/^[\w-]+\.(js|css)$/.test(file)) return undefined;
  const path = normalize(join(ASSETS_DIR, file));
  return path.startsWith(ASSETS_DIR + sep) ? path : undefined;
}

/** The content type of a served file, by its extension. */
export function contentType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return (
    { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf', html: 'text/html; charset=utf-8' }[ext] ??
    'application/octet-stream'
  );
}
