/**
 * Writes the OpenAPI document (`openapi.json`) and the TypeScript types
 * generated from it (`openapi/types.ts`): the one statement of the API's
 * shapes, imported (types only) by the web console, the test factories and
 * the typed-client test.
 *
 *   npm run openapi          regenerate both files
 *   npm run openapi:check    fail if either committed file is stale (CI)
 *
 * The app is built but never started: no port, no database connection (the
 * data source initialises in the background after start-up), no Redis. The
 * configuration is the documented default whatever this shell has set, so the
 * output is the same on every machine.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument, createApp } from '../src/app.factory';

const root = join(__dirname, '..');
export const OPENAPI_FILE = join(root, 'openapi.json');
export const TYPES_FILE = join(root, 'openapi', 'types.ts');

async function generateDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-openapi-'));
  // Only these variables, not this shell's: none may leak into the document.
  const app = await createApp({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
  try {
    const document = buildOpenApiDocument(app);
    const missing = missingExamples(document);
    if (missing.length > 0) {
      throw new Error(
        `Give these an example in their @ApiProperty or @ApiParam: ${missing.join(', ')}`,
      );
    }
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Schema = { example?: unknown; $ref?: string; allOf?: unknown[] };
type Parameter = { name: string; example?: unknown; schema?: Schema };

/**
 * Every property of every model and every parameter carries an example, so
 * that each operation's request and response show one (Redocly has no rule
 * for this). Returns what lacks one.
 */
export function missingExamples(document: OpenAPIObject): string[] {
  const missing: string[] = [];
  for (const [model, schema] of Object.entries(document.components?.schemas ?? {})) {
    const properties = (schema as { properties?: Record<string, Schema> }).properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if (property.example === undefined && !property.$ref && !property.allOf) {
        missing.push(`${model}.${name}`);
      }
    }
  }
  for (const [path, item] of Object.entries(document.paths)) {
    const operations = item as Record<string, { parameters?: Parameter[] }>;
    for (const [method, operation] of Object.entries(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.example === undefined && parameter.schema?.example === undefined) {
          missing.push(`${method.toUpperCase()} ${path} parameter ${parameter.name}`);
        }
      }
    }
  }
  return missing;
}

async function generateTypes(document: string): Promise<string> {
  // A default makes a field optional in a request, not required (openapi-typescript's default).
  const ast = await openapiTS(document, { silent: true, defaultNonNullable: false });
  return (
    '/**\n' +
    ' * Generated from openapi.json by `npm run openapi` (openapi-typescript); do not edit.\n' +
    ' */\n\n' +
    astToString(ast)
  );
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = await generateDocument();
  const outputs: [string, string][] = [
    [OPENAPI_FILE, document],
    [TYPES_FILE, await generateTypes(document)],
  ];

  if (!check) {
    for (const [file, text] of outputs) writeFileSync(file, text);
    console.log(`Wrote ${outputs.map(([file]) => relative(root, file)).join(' and ')}`);
    return;
  }
  const stale = outputs.filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(
      `${stale.map(([file]) => relative(root, file)).join(' and ')} ` +
        `${stale.length > 1 ? 'do' : 'does'} not match the code: run \`npm run openapi\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('openapi.json and openapi/types.ts are up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
