// Several studies' best-so-far curves on one plot, live.
import { api, chart, el, live, param, showError, studyHref } from './common.js';
import { progressSpec } from './study-charts.js';

let names = (param('names') ?? '').split(',').filter((n) => n !== '');
let axis = 'trials';

function spec(series) {
  // Each curve is carried on to where its study stands now, not just to its last improvement.
  const rows = series.flatMap((s) => {
    const points = s.curve.map((p) => ({ study: s.name, x: p[axis], best: p.best }));
    const end = axis === 'trials' ? s.done : s.seconds;
    const last = points[points.length - 1];
    if (last !== undefined && end > last.x) points.push({ ...last, x: end });
    return points;
  });
  const objective = series[0].objective;
  const base = progressSpec(rows.map((r) => ({ [axis]: r.x, best: r.best })), objective, axis, 0);
  return { ...base, title: `best ${objective.name} (${objective.goal}) by ${axis}`, width: 640, height: 340, data: { values: rows }, encoding: { ...base.encoding, color: { field: 'study', type: 'nominal' }, tooltip: [{ field: 'study' }, ...base.encoding.tooltip] } };
}

async function render() {
  const all = (await api('/api/studies')).studies;
  const main = document.getElementById('main');
  const picker = el('select', { multiple: true, size: Math.min(10, all.length), id: 'compare-picker' }, all.map((s) => el('option', { value: s.name, selected: names.includes(s.name) }, s.name)));
  const apply = el('button', { onclick: () => ((names = [...picker.selectedOptions].map((o) => o.value)), history.replaceState(null, '', `/compare?names=${encodeURIComponent(names.join(','))}`), void render().catch(showError)) }, 'Compare');
  const axisPick = el('select', { onchange: (e) => ((axis = e.target.value), void render().catch(showError)) }, ['trials', 'seconds'].map((a) => el('option', { value: a, selected: a === axis }, a)));
  const box = el('div', { id: 'compare-chart' });
  main.replaceChildren(el('h1', {}, 'Compare studies'), el('div', { class: 'controls' }, picker, apply, el('label', {}, 'against ', axisPick)), box);
  if (names.length === 0) return box.append(el('p', {}, 'Pick two or more studies (their first objective is compared).'));
  const { series } = await api(`/api/compare?names=${encodeURIComponent(names.join(','))}`);
  const goals = new Set(series.map((s) => `${s.objective.name}/${s.objective.goal}`));
  if (goals.size > 1) box.append(el('p', { class: 'error' }, `these studies' first objectives differ (${[...goals].join(', ')}); the plot puts them on one axis anyway`));
  box.append(el('p', {}, series.map((s) => [el('a', { href: studyHref(s.name) }, s.name), ' '])));
  const plot = el('div');
  box.append(plot);
  if (series.every((s) => s.curve.length === 0)) return plot.append(el('p', {}, 'No finished trials yet.'));
  await chart(plot, spec(series), `compare-${axis}`);
}

render().then(() => live(async ({ studies }) => {
  if (studies === null || studies.some((s) => names.includes(s))) await render();
}), showError);
