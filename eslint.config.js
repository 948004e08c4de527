// Lint, including the layering rules of docs/architecture.md: what each layer may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nodeBuiltins = { group: ['node:*'], message: 'This layer runs outside Node: no node:* imports.' };

const noFocusedTests = {
  selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
  message: 'No focused tests.',
};
/** Every string field is made of shared/domain/text.ts's Text, which refuses what no store can hold. */
const noPlainStrings = {
  selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
  message: 'Use Text (shared/domain/text.ts): it refuses NUL characters and unpaired surrogates.',
};

const restrict = (paths, patterns) => ['error', { paths, patterns }];

/** A relative import that climbs into one of these folders (`../../server/…`, `../main/…`): another layer. */
const otherLayer = (...folders) => `^(\\.{1,2}/)+(${folders.join('|')})/`;

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', '.data', 'test-results', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', noFocusedTests, noPlainStrings],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [noElectron],
        [
          nodeBuiltins,
          { regex: '^(?!zod$|luxon$|\\.{1,2}/)', message: 'shared/ depends on zod and Luxon (time zones) and nothing else.' },
          { regex: otherLayer('electron', 'renderer', 'server'), message: 'shared/ imports no other layer.' },
        ],
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [noElectron],
        [
          nodeBuiltins,
          { group: ['electron/*'], message: noElectron.message },
          { regex: otherLayer('electron', 'server'), message: 'The renderer reaches Core only through the api client.' },
        ],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web-host/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [noElectron],
        [
          { group: ['electron/*'], message: noElectron.message },
          { regex: otherLayer('renderer', 'server', 'main', 'preload'), message: 'Core runs in plain Node.' },
        ],
      ),
    },
  },
  {
    // The main process starts Core as a child and speaks its process protocol; it uses nothing else of Core.
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          { regex: otherLayer('renderer', 'server', 'web-host', 'preload'), message: 'electron/main imports shared/ and electron only.' },
          {
            regex: '^\\.\\./core/(?!process-protocol\\.ts$)',
            message: 'electron/main talks to Core only through core/process-protocol.ts.',
          },
        ],
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [],
        [
          {
            regex: '^(?!electron$|\\./|\\.\\./\\.\\./shared/contract/)',
            message: 'The preload bridges the contract to Electron: shared/contract/ and electron only.',
          },
        ],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [noElectron],
        [
          { group: ['electron/*'], message: noElectron.message },
          { regex: otherLayer('electron', 'renderer'), message: 'server/ imports shared/ and nothing of the desktop app.' },
        ],
      ),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': ['error', noFocusedTests] },
  },
);
