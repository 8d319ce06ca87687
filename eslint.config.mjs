// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Which folder of src/ may import which: dependencies run one way, inward.
 *
 *   domain      the caller's identity and plain enums (Principal, Role,
 *               Permission, KeyTier…): imports nothing of ours
 *   config      environment and typed configuration
 *   common      HTTP kit: errors, validation, logging, Swagger helpers
 *   database, redis, metrics    infrastructure, one room each
 *   permissions, audit, changes, rate-limit, health    features others build on
 *   usage       counting each key's requests (its routes are usage-reports)
 *   users       the key owners
 *   key-cache   the key cache (names keys' KeyMatch as a type only)
 *   keys        the keys: the rules, verification, rotation
 *   auth        the global guard and /me
 *   usage-reports   the routes that read usage, and its pruning
 *   startup     connect, migrate, the root key: the top of the features
 *   guard, console, src/*.ts   composition: may import anything
 *
 * A folder may import only the folders listed for it (and itself); a
 * wrong-way import fails `npm run lint`. database/ may also name the
 * features' *.entity files (TypeORM needs every table in one list), and
 * usage/ the keys' (its rows belong to a key, deleted with it).
 */
const INFRASTRUCTURE = ['domain', 'config', 'common', 'database', 'redis', 'metrics'];
const MAY_IMPORT = {
  domain: [],
  config: ['domain'],
  common: ['domain', 'config'],
  database: ['domain', 'config', 'common'],
  redis: ['domain', 'config', 'common'],
  metrics: ['domain', 'config', 'common'],
  permissions: [...INFRASTRUCTURE],
  audit: [...INFRASTRUCTURE, 'permissions'],
  changes: [...INFRASTRUCTURE, 'permissions'],
  'rate-limit': [...INFRASTRUCTURE, 'permissions'],
  usage: [...INFRASTRUCTURE],
  health: [...INFRASTRUCTURE, 'permissions'],
  users: [...INFRASTRUCTURE, 'permissions', 'audit', 'changes'],
  'key-cache': [...INFRASTRUCTURE, 'changes'],
  keys: [
    ...INFRASTRUCTURE,
    'permissions',
    'audit',
    'changes',
    'rate-limit',
    'users',
    'key-cache',
    'usage',
  ],
  auth: [...INFRASTRUCTURE, 'permissions', 'rate-limit', 'health', 'users', 'keys'],
  startup: [...INFRASTRUCTURE, 'permissions', 'audit', 'changes', 'health', 'users', 'keys'],
  'usage-reports': [...INFRASTRUCTURE, 'permissions', 'keys', 'usage'],
};
// Imports of types only, erased at compile time: the cache holds the keys' rows.
const MAY_IMPORT_TYPES = { 'key-cache': ['keys'] };
/** Folders that may name other features' *.entity files. */
const ENTITY_READERS = ['database', 'usage'];
const FOLDERS = [...Object.keys(MAY_IMPORT), 'guard', 'console'];
const ROOT_FILES = ['app\\.module', 'app\\.factory', 'app\\.controller', 'configuration', 'main'];
const escape = (name) => name.replaceAll('.', '\\.');

/** no-restricted-imports patterns for relative imports that climb out of `folder` into a forbidden one. */
function layerPatterns(folder) {
  const allowed = new Set([folder, ...MAY_IMPORT[folder]]);
  const typesOnly = MAY_IMPORT_TYPES[folder] ?? [];
  const forbidden = FOLDERS.filter((f) => !allowed.has(f) && !typesOnly.includes(f));
  const message = `src/${folder} may import only ${[...allowed].join(', ')} (see the layering in eslint.config.mjs).`;
  const patterns = [
    {
      // The schema lists are these folders' one look outward, at entity files.
      regex: `^(\\.\\./)+(${[...forbidden.map(escape), ...ROOT_FILES].join('|')})(/${ENTITY_READERS.includes(folder) ? '(?!.*\\.entity$)' : ''}|$)`,
      message,
    },
  ];
  if (typesOnly.length > 0) {
    const regex = `^(\\.\\./)+(${typesOnly.map(escape).join('|')})(/|$)`;
    patterns.push({
      regex,
      allowTypeImports: true,
      message: `${message} Types only from ${typesOnly.join(', ')}.`,
    });
  }
  return patterns;
}

const layering = Object.keys(MAY_IMPORT).map((folder) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerPatterns(folder) }],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
      'console/dist/**',
      'node_modules/**',
      'coverage/**',
      '*.config.js',
      '*.config.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Nest's decorator-driven classes are often empty shells.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // The web console runs in the browser, not in Node.
    files: ['console/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // supertest bodies are untyped JSON; asserting on them is the point.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...layering,
);
