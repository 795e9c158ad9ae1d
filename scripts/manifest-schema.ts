/**
 * Offline validation of the Teams app manifest and its language files against the official JSON
 * schemas bundled in @microsoft/app-manifest (draft-04, so ajv-draft-04 + ajv-formats).
 * Used by the packaging script and by test/manifest.test.ts, so both judge the same way.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The newest released manifest schema bundled in @microsoft/app-manifest (not devPreview). */
export const MANIFEST_SCHEMA_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json`;

export interface ValidationResult {
  valid: boolean;
  /** One readable line per problem, e.g. `/name/short must NOT have more than 30 characters`. */
  errors: string[];
}

const schemaDirectory = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
  `v${MANIFEST_SCHEMA_VERSION}`,
);

let manifestValidator: ValidateFunction | undefined;
let localizationValidator: ValidateFunction | undefined;

function compile(fileName: string): ValidateFunction {
  const schema: unknown = JSON.parse(readFileSync(join(schemaDirectory, fileName), 'utf8'));
  // The Teams schemas use regex features outside ajv's strict mode and non-unicode patterns.
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema as object);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  else if (error.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  else if (error.keyword === 'const') detail = `: ${JSON.stringify(params.allowedValue)}`;
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

function run(validator: ValidateFunction, value: unknown): ValidationResult {
  const valid = validator(value) === true;
  return { valid, errors: valid ? [] : (validator.errors ?? []).map(describe) };
}

/** Validates a filled manifest (placeholders replaced) against MicrosoftTeams.schema.json. */
export function validateManifest(manifest: unknown): ValidationResult {
  manifestValidator ??= compile('MicrosoftTeams.schema.json');
  return run(manifestValidator, manifest);
}

/**
 * Validates a language file against MicrosoftTeams.Localization.schema.json. Given the manifest,
 * also checks that every translated key names a string that exists in it (Teams rejects a
 * package whose language file translates something the manifest does not have).
 */
export function validateLocalization(localization: unknown, manifest?: unknown): ValidationResult {
  localizationValidator ??= compile('MicrosoftTeams.Localization.schema.json');
  const result = run(localizationValidator, localization);
  if (manifest === undefined || typeof localization !== 'object' || localization === null) return result;
  const errors = [...result.errors];
  for (const key of Object.keys(localization)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof resolveLocalizationKey(manifest, key) !== 'string') {
      errors.push(`/${key} translates "${key}", which is not a text in the manifest`);
    }
  }
  return { valid: errors.length === 0, errors };
}

/** Follows a localization key such as `bots[0].commandLists[1].commands[2].title` into the manifest. */
export function resolveLocalizationKey(manifest: unknown, key: string): unknown {
  let current: unknown = manifest;
  for (const segment of key.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return undefined;
    current = field(current, match[1]!);
    for (const index of match[2]!.match(/\d+/g) ?? []) {
      current = Array.isArray(current) ? current[Number(index)] : undefined;
    }
  }
  return current;
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}
