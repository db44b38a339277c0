// A trial's page: its values, the program as its task prints it, its math (KaTeX) and its
// graph (SVG, drawn by the server), with the stored genotype.
import { api, download, el, fmt, param, showError, studyHref, table } from './common.js';

const name = param('name');
const id = Number(param('id'));

/** The DAG's SVG as a PNG data URL, drawn through a canvas at twice its size. */
async function svgToPng(svgText) {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = el('canvas', { width: image.width * 2, height: image.height * 2 });
  const context = canvas.getContext('2d');
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  return canvas.toDataURL('image/png');
}

function render(p) {
  const main = document.getElementById('main');
  const values = p.objectives.map((o, k) => [`${o.name} (${o.goal})`, p.values === null ? null : p.values[k]]);
  const parts = [
    el('h1', {}, `Trial #${p.id} of `, el('a', { href: studyHref(p.study) }, p.study)),
    el('p', {}, `${p.status}${p.cached ? ' (answered by the functional-equivalence cache)' : ''}; task ${p.task}, space ${p.space ?? '—'}`),
    table(['objective', 'value'], values.map(([k, v]) => [k, v === null ? '—' : fmt(v)])),
  ];
  if (p.error !== null) parts.push(el('p', { class: 'error' }, `failed: ${p.error}`));
  parts.push(el('h2', {}, 'Program (as the task prints it)'), el('pre', { id: 'program-text' }, p.text));
  if (p.latex !== null) {
    const math = el('div', { class: 'math', id: 'program-math' });
    for (const tex of p.latex) {
      const line = el('div');
      katex.render(tex, line, { displayMode: true, throwOnError: false });
      math.append(line);
    }
    parts.push(el('h2', {}, 'As math (the stored program, before any fitting the task does)'), math);
  }
  if (p.dagSvg !== null) {
    const graph = el('div', { class: 'dag', id: 'program-dag' });
    graph.innerHTML = p.dagSvg;
    const tools = el(
      'div',
      { class: 'tools' },
      el('button', { class: 'export', onclick: async () => download(`${p.study}-${p.id}.png`, await svgToPng(p.dagSvg)) }, 'PNG'),
      el('button', { class: 'export', onclick: () => download(`${p.study}-${p.id}.svg`, URL.createObjectURL(new Blob([p.dagSvg], { type: 'image/svg+xml' }))) }, 'SVG'),
    );
    parts.push(el('h2', {}, 'As a graph'), tools, graph);
  }
  parts.push(el('h2', {}, 'Lineage'), el('p', {}, 'The store keeps no parent links for trials, so the lineage cannot be shown.'));
  if (p.info !== null) parts.push(el('h2', {}, 'Info'), el('pre', {}, JSON.stringify(p.info, null, 2)));
  parts.push(el('details', {}, el('summary', {}, 'Stored genotype (JSON)'), el('pre', {}, JSON.stringify(p.genotype, null, 2))));
  main.replaceChildren(...parts);
}

if (name === null || !Number.isInteger(id)) showError('this page needs ?name=STUDY&id=TRIAL');
else api(`/api/program?name=${encodeURIComponent(name)}&id=${id}`).then(render, showError);
