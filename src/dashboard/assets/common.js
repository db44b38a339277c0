// Shared by every page: data fetching, live updates, charts with export, tables with CSV.

/** The page's query parameter `key`, or null. */
export function param(key) {
  return new URLSearchParams(location.search).get(key);
}

/** GETs JSON from the dashboard; a refusal becomes an Error carrying the server's message. */
export async function api(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

/** Builds an element: `el('a', { href: '/' }, 'text', child)`. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

/** A number for people: six significant digits, '—' for none. */
export function fmt(value, digits = 6) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(digits)));
}

/** Links to a study's page and a trial's program page (names may hold '/'). */
export const studyHref = (name) => `/study?name=${encodeURIComponent(name)}`;
export const programHref = (name, id) => `/program?name=${encodeURIComponent(name)}&id=${id}`;

/** Shortest time between two redraws for live changes. */
const MIN_REDRAW_MS = 500;

/**
 * Calls `onChange({ version, studies })` whenever the server says the store changed (`studies`
 * names the studies that did, or is null after a reconnection: any may have); at most one call
 * runs at a time, and changes that arrive meanwhile are folded into one more call.
 */
export function live(onChange) {
  const dot = document.getElementById('live');
  const source = new EventSource('/events');
  let running = false;
  let pending = null;
  const run = async (data) => {
    if (running) {
      const studies = data.studies === null || pending?.studies === null ? null : [...new Set([...(pending?.studies ?? []), ...data.studies])];
      pending = { version: data.version, studies };
      return;
    }
    running = true;
    const started = performance.now();
    try {
      await onChange(data);
    } catch (error) {
      showError(error);
    } finally {
      // A busy search commits every 100 ms; redrawing at most twice a second keeps the page still enough to read.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, MIN_REDRAW_MS - (performance.now() - started))));
      running = false;
      if (pending !== null) {
        const next = pending;
        pending = null;
        void run(next);
      }
    }
  };
  let connected = false;
  source.addEventListener('hello', (event) => {
    dot?.classList.add('on');
    // After a lost connection (the browser reconnects by itself) anything may have changed.
    if (connected) void run({ version: JSON.parse(event.data).version, studies: null });
    connected = true;
  });
  source.addEventListener('change', (event) => void run(JSON.parse(event.data)));
  source.addEventListener('error', () => dot?.classList.remove('on'));
  return source;
}

/** Shows an error at the top of the page. */
export function showError(error) {
  const main = document.getElementById('main');
  main.prepend(el('p', { class: 'error' }, error instanceof Error ? error.message : String(error)));
}

/** Saves a file the page made. */
export function download(filename, href) {
  const a = el('a', { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Draws a vega-lite spec into `box` (replacing what was there) with PNG and SVG export
 * buttons; resolves with the vega view.
 */
export async function chart(box, spec, filename) {
  box.__view?.finalize();
  box.replaceChildren();
  const target = el('div', { class: 'chart' });
  const tools = el('div', { class: 'tools' });
  box.append(tools, target);
  const view = new vega.View(vega.parse(vegaLite.compile({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec }).spec), { renderer: 'svg', container: target, hover: true });
  box.__view = view;
  await view.runAsync();
  for (const type of ['png', 'svg']) {
    tools.append(el('button', { class: 'export', onclick: async () => download(`${filename}.${type}`, await view.toImageURL(type, type === 'png' ? 2 : 1)) }, type.toUpperCase()));
  }
  return view;
}

/** Table rows as CSV text (RFC 4180 quoting). */
export function csv(columns, rows) {
  const cell = (v) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** A button that saves `columns` and `rows()` as a CSV file. */
export function csvButton(filename, columns, rows) {
  return el('button', { class: 'export', onclick: () => download(filename, URL.createObjectURL(new Blob([csv(columns, rows())], { type: 'text/csv' }))) }, 'CSV');
}

/** A simple table: `columns` are header texts, `rows` arrays of cells (strings, numbers or nodes). */
export function table(columns, rows, options = {}) {
  const head = el(
    'tr',
    {},
    columns.map((c) => {
      const mark = options.sort === c ? (options.descending ? ' ▼' : ' ▲') : '';
      return el('th', options.onSort ? { class: 'sortable', onclick: () => options.onSort(c) } : {}, c + mark);
    }),
  );
  const body = rows.map((row) => el('tr', {}, row.map((cell) => el('td', typeof cell === 'number' ? { class: 'num' } : {}, cell instanceof Node ? cell : fmt(cell)))));
  return el('table', options.id ? { id: options.id } : {}, el('thead', {}, head), el('tbody', {}, body));
}
