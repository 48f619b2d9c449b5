import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';

// Both packages are CommonJS with a default export; under NodeNext ESM their class sits on `.default`.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'jsonfeed-1.1.schema.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Validates a JSON Feed against the JSON Schema written from the 1.1 spec; returns readable errors. */
export function jsonFeedErrors(feed: unknown): string[] {
  return validate(feed) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
