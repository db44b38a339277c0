import { loadModel, symbolicRegression } from 'amoeba';

// Measurements of y = 3·a·b − b², as rows; column names need not be identifiers.
const rows = Array.from({ length: 60 }, (_, i) => {
  const a = Math.sin(i) * 2;
  const b = Math.cos(3 * i) + 0.5;
  return { a, 'b (m)': b, y: 3 * a * b - b * b };
});

const model = await symbolicRegression(rows, { target: 'y', seed: 1, budgetTrials: 20_000 });
console.log(`best: ${model.best.expression} (complexity ${model.best.complexity}, validation R² ${1 - model.best.validError})`);
console.log(`numpy: ${model.best.numpy}`);
console.log(`predicted: ${Array.from(model.predict([{ a: 1, 'b (m)': 2 }]))}`);

// The model file amoeba sr --json writes, read back.
const again = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
console.log(`read back: ${again.best.expression}`);
