/**
 * After `npm run test:contract` with LATCHKEY_CONTRACT_COVERAGE=<file>: fails
 * unless every operation in openapi.json answered at least once with a 2xx
 * through Prism, so that "no violations" means every route was checked.
 *
 *   ts-node --transpile-only scripts/contract-coverage.ts <file>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: contract-coverage.ts <file written by the contract run>');
  process.exit(2);
}

interface Operation {
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

/** An event stream stays open, so Prism cannot check it; the proxy passes it by. */
const streams = ({ responses = {} }: Operation) =>
  Object.entries(responses).some(
    ([status, { content = {} }]) => status.startsWith('2') && 'text/event-stream' in content,
  );

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, operation]) => !streams(operation))
    .map(([method]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    })),
);

// Lines of "<METHOD> <path> <status>".
const answered = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split(' '))
  .filter(([, , status]) => status.startsWith('2'));

const unchecked = operations.filter(
  ({ method, pattern }) => !answered.some(([m, path]) => m === method && pattern.test(path)),
);
if (unchecked.length > 0) {
  console.error(
    `No 2xx answer went through Prism for: ${unchecked.map(({ name }) => name).join(', ')}`,
  );
  process.exit(1);
}
console.log(`Every one of the ${operations.length} operations answered 2xx through Prism.`);
