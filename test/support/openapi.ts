import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * Compiles response validators from an OpenAPI 3.1 document: its component schemas are JSON Schema
 * 2020-12, so ajv's 2020 draft checks a real response against `#/components/schemas/<name>`.
 */
export function openApiValidators(doc: Record<string, unknown>): (schemaRef: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = 'https://broadsheet.invalid/openapi.json';
  ajv.addSchema({ $id: id, components: doc.components } as object);
  return (schemaRef) => {
    const v = ajv.getSchema(`${id}${schemaRef}`);
    if (!v) throw new Error(`no schema ${schemaRef}`);
    return v;
  };
}
