// A study's page: facts, best-so-far against trials and time, the Pareto front, failures,
// diagnostics and the trial table; each part redrawn when the server says the study changed.
import { api, chart, csvButton, el, fmt, live, param, programHref, showError, table } from './common.js';
import { frontSpec, progressSpec } from './study-charts.js';

const name = param('name');
const state = { sort: 'id', descending: true, status: 'all', offset: 0, limit: 50 };
const boxes = {};

function layout() {
  const main = document.getElementById('main');
  for (const key of ['facts', 'trials', 'seconds', 'front', 'failures', 'diagnostics', 'table']) boxes[key] = el('div', { id: key });
  main.replaceChildren(
    el('h1', {}, `Study ${name}`),
    boxes.facts,
    el('h2', {}, 'Best so far'),
    el('div', { class: 'charts' }, boxes.trials, boxes.seconds),
    el('h2', {}, 'Pareto front'),
    el('div', { class: 'charts' }, boxes.front),
    el('h2', {}, 'Failures by reason'),
    boxes.failures,
    el('h2', {}, 'Algorithm diagnostics'),
    boxes.diagnostics,
    el('h2', {}, 'Trials'),
    boxes.table,
  );
}

function facts(s) {
  const { line } = s;
  const items = [
    ['status', line.stopReason ? `${line.status} (${line.stopReason})` : line.status],
    ['task', line.task],
    ['algorithm', line.algorithm ?? '—'],
    ['trials', line.trials],
    ['done', line.done],
    ['failed', line.failed],
    ['running', line.running],
    ['FEC hit rate', `${fmt(100 * s.cacheHitRate, 3)}%`],
    ['trials/s', fmt(line.trialsPerSecond, 3)],
    ['workers seen', line.workers],
    [`best ${line.objectives[0].name}`, fmt(line.best)],
    ['budget', line.budget ?? '—'],
    ['seed', s.seed],
  ];
  boxes.facts.replaceChildren(el('div', { class: 'facts' }, items.map(([label, value]) => el('div', { 'data-fact': label }, label, el('b', {}, typeof value === 'number' ? fmt(value) : value)))));
}

async function charts(s) {
  const objective = s.line.objectives[0];
  if (s.curve.length === 0) {
    boxes.trials.replaceChildren(el('p', {}, 'No finished trials yet.'));
    boxes.seconds.replaceChildren();
  } else {
    await chart(boxes.trials, progressSpec(s.curve, objective, 'trials', s.line.done), `${name}-best-by-trials`);
    await chart(boxes.seconds, progressSpec(s.curve, objective, 'seconds', s.elapsedMs / 1000), `${name}-best-by-time`);
  }
  if (s.line.objectives.length < 2) boxes.front.replaceChildren(el('p', {}, 'One objective: the best so far above is the whole story.'));
  else if (s.front.length === 0) boxes.front.replaceChildren(el('p', {}, 'No finished trials yet.'));
  else await chart(boxes.front, frontSpec(s.front, s.line.objectives, (id) => programHref(name, id)), `${name}-front`);
}

function failures(s) {
  const rows = s.failures.map((f) => [f.count, f.reason]);
  boxes.failures.replaceChildren(rows.length === 0 ? el('p', {}, 'No failed trials.') : el('div', {}, csvButton(`${name}-failures.csv`, ['count', 'reason'], () => rows), table(['count', 'reason'], rows)));
}

async function diagnostics(s) {
  if (s.diagnostics === null) {
    boxes.diagnostics.replaceChildren(el('p', {}, 'This algorithm reports none.'));
    return;
  }
  const entries = Object.entries(s.diagnostics);
  const scalars = entries.filter(([, v]) => !Array.isArray(v)).map(([k, v]) => [k, typeof v === 'number' ? v : JSON.stringify(v)]);
  const series = entries.filter(([, v]) => Array.isArray(v) && v.length > 0);
  const charts = el('div', { class: 'charts' });
  boxes.diagnostics.replaceChildren(table(['diagnostic', 'value'], scalars), charts);
  for (const [label, points] of series) {
    const box = el('div');
    charts.append(box);
    const spec = { title: label, width: 320, height: 160, data: { values: points.map(([x, y]) => ({ x, y })) }, mark: { type: 'line', point: true }, encoding: { x: { field: 'x', type: 'quantitative', title: 'trials' }, y: { field: 'y', type: 'quantitative', title: label } } };
    await chart(box, spec, `${name}-${label.replace(/\W+/g, '-')}`);
  }
}

function tableQuery(extra = {}) {
  const q = new URLSearchParams({ name, sort: state.sort, desc: state.descending ? '1' : '0', status: state.status, offset: String(state.offset), limit: String(state.limit), ...extra });
  return `/api/trials?${q}`;
}

async function trialTable() {
  const t = await api(tableQuery());
  const filter = el('select', { id: 'status-filter', onchange: (e) => ((state.status = e.target.value), (state.offset = 0), void trialTable().catch(showError)) }, ['all', 'done', 'failed', 'cached'].map((s) => el('option', { value: s, selected: s === state.status }, s)));
  const page = (delta) => () => ((state.offset = Math.max(0, state.offset + delta * state.limit)), void trialTable().catch(showError));
  const rows = t.rows.map((r) => [el('a', { href: programHref(name, r[0]) }, `#${r[0]}`), ...r.slice(1).map((v) => (typeof v === 'boolean' ? (v ? 'yes' : '') : v))]);
  const onSort = (column) => {
    const key = column === 'finished_s' ? 'finished' : column;
    state.descending = state.sort === key ? !state.descending : false;
    state.sort = key;
    void trialTable().catch(showError);
  };
  const shownSort = state.sort === 'finished' ? 'finished_s' : state.sort;
  boxes.table.replaceChildren(
    el(
      'div',
      { class: 'controls' },
      el('label', {}, 'show ', filter),
      el('button', { onclick: page(-1), disabled: state.offset === 0 }, '‹ newer'),
      el('span', { id: 'table-range' }, `${t.total === 0 ? 0 : state.offset + 1}–${Math.min(t.total, state.offset + state.limit)} of ${t.total}`),
      el('button', { onclick: page(1), disabled: state.offset + state.limit >= t.total }, 'older ›'),
      el('a', { href: tableQuery({ format: 'csv' }), download: `${name}-trials.csv` }, 'CSV (all matching rows)'),
    ),
    table(t.columns, rows, { id: 'trials-table', sort: shownSort, descending: state.descending, onSort }),
  );
}

async function refresh() {
  const s = await api(`/api/study?name=${encodeURIComponent(name)}`);
  facts(s);
  failures(s);
  await trialTable();
  await charts(s);
  await diagnostics(s);
}

if (name === null) showError('this page needs ?name=STUDY');
else {
  layout();
  refresh().then(
    () =>
      live(async ({ studies }) => {
        if (studies === null || studies.includes(name)) await refresh();
      }),
    showError,
  );
}
