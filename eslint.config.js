import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // All randomness in the library flows from a seeded Rng, so runs can be replayed.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the Rng passed in.' }],
    },
  },
  {
    // The dashboard's page scripts run in the browser, beside the libraries the page loads.
    files: ['src/dashboard/assets/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'history', 'performance', 'setTimeout', 'fetch', 'EventSource', 'URL', 'URLSearchParams', 'Blob', 'Node', 'Image', 'console', 'vega', 'vegaLite', 'katex'].map((name) => [name, 'readonly']),
      ),
    },
  },
  { ignores: ['node_modules/**', 'dist/**'] },
);
