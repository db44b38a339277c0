// The studies page: every study in the store, groups with their members, live.
import { api, csvButton, el, fmt, live, showError, studyHref, table } from './common.js';

const COLUMNS = ['compare', 'study', 'task', 'status', 'trials', 'done', 'failed', 'cached', 'running', 'best', 'trials/s', 'workers', 'updated'];
const CSV_COLUMNS = COLUMNS.slice(1);
const selected = new Set();
let lines = [];

function csvRow(s) {
  return [s.name, s.task, s.stopReason ? `${s.status} (${s.stopReason})` : s.status, s.trials, s.done, s.failed, s.cached, s.running, bestText(s), s.trialsPerSecond, s.workers, new Date(s.updatedAt).toISOString()];
}

function bestText(s) {
  if (s.frontSize !== null) return `front of ${s.frontSize}`;
  return s.best === null ? null : `${s.objectives[0].name} ${fmt(s.best)}`;
}

function row(s, indent) {
  const box = el('input', { type: 'checkbox', checked: selected.has(s.name), onchange: (e) => (e.target.checked ? selected.add(s.name) : selected.delete(s.name)) });
  const cells = csvRow(s);
  cells[0] = el('a', { href: studyHref(s.name), class: 'study-link' }, indent ? `  ${s.name.slice(s.group.length + 1)}` : s.name);
  cells[8] = bestText(s) ?? '—';
  cells[9] = fmt(s.trialsPerSecond, 3);
  cells[11] = new Date(s.updatedAt).toLocaleString();
  return [box, ...cells];
}

function render(payload) {
  lines = payload.studies;
  const main = document.getElementById('main');
  const rows = [];
  const members = new Map(payload.groups.map((g) => [g.name, []]));
  for (const s of payload.studies) (s.group === null ? rows : members.get(s.group)).push(row(s, s.group !== null));
  const body = table(COLUMNS, rows, { id: 'studies' });
  for (const g of payload.groups) {
    const own = payload.studies.filter((s) => s.group === g.name);
    const done = own.reduce((n, s) => n + s.done, 0);
    const ended = own.filter((s) => s.status === 'ended').length;
    const head = el('tr', { class: 'group' }, el('td'), el('td', { colspan: COLUMNS.length - 1 }, `group ${g.name} — ${g.command}, ${ended}/${own.length} studies ended, ${done} trials done `, el('a', { href: `/compare?names=${encodeURIComponent(own.map((s) => s.name).join(','))}` }, 'compare its members')));
    body.tBodies[0].append(head, ...members.get(g.name).map((cells) => el('tr', {}, cells.map((c) => el('td', typeof c === 'number' ? { class: 'num' } : {}, c instanceof Node ? c : fmt(c))))));
  }
  const compare = el('button', { onclick: () => (location.href = `/compare?names=${encodeURIComponent([...selected].join(','))}`) }, 'Compare selected');
  main.replaceChildren(
    el('h1', {}, `Studies (${payload.studies.length})`),
    el('div', { class: 'controls' }, compare, csvButton('studies.csv', CSV_COLUMNS, () => lines.map(csvRow))),
    payload.studies.length === 0 ? el('p', {}, 'No studies in this store yet; they appear here as soon as a search writes one.') : body,
  );
}

async function refresh() {
  render(await api('/api/studies'));
}

refresh().then(() => live(refresh), showError);
