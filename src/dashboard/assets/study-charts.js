// vega-lite specs of a study's charts.

/** A log scale when every value is positive and they span more than two decades. */
function scaleFor(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return {};
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  return lo > 0 && hi / lo > 100 ? { type: 'log' } : { zero: false };
}

/** Best-so-far as a step curve against trials or seconds, carried on to `end`. */
export function progressSpec(curve, objective, axis, end) {
  const points = curve.map((p) => ({ x: p[axis], best: p.best }));
  const last = points[points.length - 1];
  if (last !== undefined && end > last.x) points.push({ x: end, best: last.best });
  return {
    title: `best ${objective.name} (${objective.goal}) by ${axis}`,
    width: 380,
    height: 220,
    data: { values: points },
    mark: { type: 'line', interpolate: 'step-after', point: { size: 18 } },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axis === 'trials' ? 'finished trials' : 'study time (s)' },
      y: { field: 'best', type: 'quantitative', title: objective.name, scale: scaleFor(points.map((p) => p.best)) },
      tooltip: [{ field: 'x', title: axis }, { field: 'best', title: objective.name }],
    },
  };
}

/** The front: a scatter and its staircase for two objectives, parallel coordinates for more. */
export function frontSpec(front, objectives, hrefOf) {
  const rows = front.map((p) => ({ id: p.id, url: hrefOf(p.id), ...Object.fromEntries(objectives.map((o, k) => [o.name, p.values[k]])) }));
  const [a, b] = objectives;
  if (objectives.length === 2) {
    const encoding = {
      x: { field: a.name, type: 'quantitative', title: `${a.name} (${a.goal})`, scale: scaleFor(rows.map((r) => r[a.name])) },
      y: { field: b.name, type: 'quantitative', title: `${b.name} (${b.goal})`, scale: scaleFor(rows.map((r) => r[b.name])) },
    };
    return {
      title: `Pareto front (${rows.length} trials; click one for its program)`,
      width: 420,
      height: 280,
      data: { values: rows },
      layer: [
        { mark: { type: 'line', interpolate: 'step-after', color: '#9ca3af' }, encoding: { ...encoding, order: { field: a.name } } },
        { mark: { type: 'point', filled: true, size: 60, cursor: 'pointer' }, encoding: { ...encoding, href: { field: 'url' }, tooltip: [{ field: 'id' }, { field: a.name }, { field: b.name }] } },
      ],
    };
  }
  return {
    title: `Pareto front (${rows.length} trials), each objective scaled to its range`,
    width: 120 * objectives.length,
    height: 260,
    data: { values: rows },
    transform: [
      { fold: objectives.map((o) => o.name), as: ['objective', 'value'] },
      { joinaggregate: [{ op: 'min', field: 'value', as: 'lo' }, { op: 'max', field: 'value', as: 'hi' }], groupby: ['objective'] },
      { calculate: 'datum.hi > datum.lo ? (datum.value - datum.lo) / (datum.hi - datum.lo) : 0.5', as: 'scaled' },
    ],
    mark: { type: 'line', point: true, opacity: 0.6 },
    encoding: {
      x: { field: 'objective', type: 'nominal', sort: objectives.map((o) => o.name), title: null },
      y: { field: 'scaled', type: 'quantitative', title: 'scaled value (0 = lowest on the front)' },
      detail: { field: 'id' },
      href: { field: 'url' },
      tooltip: [{ field: 'id' }, { field: 'objective' }, { field: 'value' }],
    },
  };
}
