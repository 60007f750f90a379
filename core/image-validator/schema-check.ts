import { Ajv2020, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { defect, RULES, type RuleId } from './rules.js';
import { configSchema } from './schemas/config.js';
import { descriptorSchema } from './schemas/descriptor.js';
import { dockerManifestSchema, dockerRepositoriesSchema } from './schemas/docker-archive.js';
import { indexSchema } from './schemas/image-index.js';
import { indexJsonSchema } from './schemas/index-json.js';
import { manifestSchema } from './schemas/manifest.js';
import { ociLayoutSchema } from './schemas/oci-layout.js';
import type { Defect } from './types.js';

/** The documents that have a schema of ours. */
export type DocumentKind =
  | 'descriptor'
  | 'manifest'
  | 'index'
  | 'index-json'
  | 'config'
  | 'oci-layout'
  | 'docker-manifest'
  | 'docker-repositories';

const SCHEMAS: Record<DocumentKind, SchemaObject> = {
  descriptor: descriptorSchema,
  manifest: manifestSchema,
  index: indexSchema,
  'index-json': indexJsonSchema,
  config: configSchema,
  'oci-layout': ociLayoutSchema,
  'docker-manifest': dockerManifestSchema,
  'docker-repositories': dockerRepositoriesSchema,
};

let compiled: Map<DocumentKind, ValidateFunction> | undefined;

function validators(): Map<DocumentKind, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  ajv.addKeyword({ keyword: 'x-rule', schemaType: 'string' });
  for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  compiled = new Map(
    (Object.keys(SCHEMAS) as DocumentKind[]).map((kind) => {
      const fn = ajv.getSchema(String(SCHEMAS[kind].$id));
      if (!fn) throw new Error(`schema ${kind} did not compile`);
      return [kind, fn];
    }),
  );
  return compiled;
}

/** Validate one parsed JSON document; each schema error becomes a defect under its rule id. */
export function checkDocument(kind: DocumentKind, value: unknown, blob?: string): Defect[] {
  const validate = validators().get(kind);
  if (!validate || validate(value)) return [];
  const fallback = String(SCHEMAS[kind]['x-rule']) as RuleId;
  const seen = new Set<string>();
  const out: Defect[] = [];
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'if') continue; // a summary of the `then` errors already listed
    const ruleId = ruleOf(err) ?? fallback;
    const d = defect(ruleId, err.instancePath, describe(err), { blob });
    const key = `${d.ruleId} ${d.path} ${d.message}`;
    if (!seen.has(key)) out.push(d);
    seen.add(key);
  }
  return out;
}

function ruleOf(err: ErrorObject): RuleId | undefined {
  const parent = err.parentSchema as SchemaObject | undefined;
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    const own = (parent?.properties as Record<string, SchemaObject> | undefined)?.[missing]?.['x-rule'];
    if (isRule(own)) return own;
  }
  const rule = parent?.['x-rule'];
  return isRule(rule) ? rule : undefined;
}

const isRule = (v: unknown): v is RuleId => typeof v === 'string' && v in RULES;

function describe(err: ErrorObject): string {
  const at = err.instancePath === '' ? 'document ' : '';
  const value = err.keyword === 'required' ? '' : `: ${preview(err.data)}`;
  const allowed = err.keyword === 'const' ? ` (expected ${JSON.stringify(err.params.allowedValue)})` : '';
  return `${at}${err.message ?? err.keyword}${allowed}${value}`;
}

/** A short rendering of a value; containers by kind only (they may be huge or deeply nested). */
function preview(value: unknown): string {
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object' && value !== null) return 'object';
  return String(JSON.stringify(value)).slice(0, 120);
}
