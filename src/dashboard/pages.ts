/** A page of the dashboard: its path, its title, and the script that fills it. */
export interface Page {
  readonly path: string;
  readonly title: string;
  readonly script: string;
}

/** Every page. Each reads its study from the query string (`?name=`), since study names may hold '/'. */
export const PAGES: readonly Page[] = [
  { path: '/', title: 'Studies', script: 'studies.js' },
  { path: '/study', title: 'Study', script: 'study.js' },
  { path: '/program', title: 'Program', script: 'program.js' },
  { path: '/compare', title: 'Compare', script: 'compare.js' },
];

/**
 * The HTML shell every page shares: the libraries (served from the installed packages), the
 * navigation, an empty main element and the page's own script, which fetches its data.
 */
export function pageHtml(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${page.title} · amoeba dashboard</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="stylesheet" href="/lib/katex/katex.min.css">
<script src="/lib/vega/vega.min.js"></script>
<script src="/lib/vega-lite/vega-lite.min.js"></script>
<script src="/lib/katex/katex.min.js"></script>
</head>
<body>
<header><a class="brand" href="/">amoeba</a><nav><a href="/">Studies</a><a href="/compare">Compare</a></nav><span id="live" title="live updates">●</span></header>
<main id="main"><p>Loading…</p></main>
<script type="module" src="/assets/${page.script}"></script>
</body>
</html>
`;
}
