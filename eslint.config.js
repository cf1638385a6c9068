// Lint rules, including the import boundaries between the core and its adapters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['**/http/**', '**/cli/**', '**/web/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.openler/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The framework-free core never imports an adapter, Fastify or commander.
    files: ['src/common/**/*.ts', 'src/db/**/*.ts', 'src/skills/**/*.ts', 'src/orgs/**/*.ts', 'src/extraction/**/*.ts', 'src/credentials/**/*.ts', 'src/oauth/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: adapters.map((a) => a.replace('**/', '../')), message: 'The core must not import an adapter (http, cli, web).' },
          { group: ['../../http/*', '../../cli/*', '../../web/*'], message: 'The core must not import an adapter (http, cli, web).' },
          { group: ['fastify', '@fastify/*', 'commander'], message: 'The core is framework-free.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
