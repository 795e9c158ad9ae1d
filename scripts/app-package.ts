/**
 * Builds the Teams app package (manifest.json, icons, language files) from manifest/: reads the
 * settings from the environment, fills the `${{NAME}}` placeholders, validates the result against
 * the official schemas and zips it. The command-line entry point is scripts/package-manifest.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';
import { validateLocalization, validateManifest } from './manifest-schema';
import { PNG } from 'pngjs';

export const MANIFEST_DIRECTORY = join(__dirname, '..', 'manifest');
export const TEMPLATE_FILE = 'manifest.template.json';
export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

/** What the placeholders are filled with. */
export interface PackageSettings {
  botId: string;
  teamsAppId: string;
  publicBaseUrl: string;
  publicHost: string;
  appVersion: string;
}

export type SettingsResult = { ok: true; settings: PackageSettings } | { ok: false; problems: string[] };

export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const NIL_GUID = /^0{8}-(?:0{4}-){3}0{12}$/;
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

function shown(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

/** An empty or blank variable counts as unset (a `.env` line such as `MicrosoftAppId=`). */
const blankAsUnset = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

function guid(name: string, purpose: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (!GUID.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `${name} must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (${purpose}), got ${shown(value)}`,
        });
      } else if (NIL_GUID.test(value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} is the nil GUID: use ${purpose}` });
      }
    });
}

const publicBaseUrl = z
  .string()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `PUBLIC_BASE_URL must be an absolute https:// URL such as https://desk.example.org, got ${shown(value)}`,
      });
      return z.NEVER;
    }
    const problems: string[] = [];
    if (url.protocol !== 'https:') problems.push('use https://, as Teams loads tabs and reaches bots over HTTPS only');
    if (url.username !== '' || url.password !== '') problems.push('remove the user name and password');
    if (url.search !== '' || url.hash !== '') problems.push('remove the query string and fragment');
    if (url.hostname === '') problems.push('give a host name');
    if (problems.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `PUBLIC_BASE_URL must be the public https:// address of the app (${problems.join('; ')}), got ${shown(value)}`,
      });
      return z.NEVER;
    }
    return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, host: url.host };
  });

const environmentSchema = z.object({
  MicrosoftAppId: z.preprocess(blankAsUnset, guid('MicrosoftAppId', "the bot's Microsoft App ID from its Azure Bot registration")),
  PUBLIC_BASE_URL: z.preprocess(blankAsUnset, publicBaseUrl),
  TEAMS_APP_ID: z.preprocess(
    blankAsUnset,
    guid('TEAMS_APP_ID', 'the Teams app id, or leave it unset to reuse MicrosoftAppId').optional(),
  ),
});

const NOT_SET: Record<string, string> = {
  MicrosoftAppId: "MicrosoftAppId is not set: set it to the bot's Microsoft App ID (a GUID) in .env or the environment",
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL is not set: set it to the public https:// address of the app, e.g. https://desk.example.org',
};

/** Reads and checks the settings; every bad or missing value yields one readable problem. */
export function readSettings(environment: NodeJS.ProcessEnv, appVersion: string): SettingsResult {
  const problems: string[] = [];
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      const unset = issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined';
      problems.push(unset ? (NOT_SET[name] ?? `${name} is not set`) : issue.message);
    }
  }
  if (!SEMVER.test(appVersion)) {
    problems.push(`the "version" in package.json must be MAJOR.MINOR.PATCH (Teams requires it), got ${shown(appVersion)}`);
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const values = parsed.data;
  return {
    ok: true,
    settings: {
      botId: values.MicrosoftAppId,
      teamsAppId: values.TEAMS_APP_ID ?? values.MicrosoftAppId,
      publicBaseUrl: values.PUBLIC_BASE_URL.base,
      publicHost: values.PUBLIC_BASE_URL.host,
      appVersion,
    },
  };
}

export function placeholderValues(settings: PackageSettings): Record<string, string> {
  return {
    BOT_ID: settings.botId,
    TEAMS_APP_ID: settings.teamsAppId,
    PUBLIC_BASE_URL: settings.publicBaseUrl,
    PUBLIC_HOST: settings.publicHost,
    APP_VERSION: settings.appVersion,
  };
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Replaces `${{NAME}}` in every string of a parsed JSON value (keys included), so a value can
 * never break the JSON. Throws a PackageError listing placeholders that have no value.
 */
export function fillPlaceholders<T>(value: T, values: Readonly<Record<string, string>>, source = 'template'): T {
  const unknown = new Set<string>();
  const fillText = (text: string): string =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) {
        unknown.add(name);
        return whole;
      }
      return replacement;
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return fillText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [fillText(key), walk(child)]));
    }
    return node;
  };
  const filled = walk(value) as T;
  if (unknown.size > 0) {
    throw new PackageError(`${source} uses placeholders that have no value:`, [...unknown].map((name) => `\${{${name}}}`));
  }
  return filled;
}

function readJson(directory: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(directory, file), 'utf8'));
  } catch (error) {
    throw new PackageError(`cannot read ${join(directory, file)}:`, [(error as Error).message]);
  }
}

/** The language files the manifest names in localizationInfo.additionalLanguages. */
export function languageFiles(manifest: unknown): string[] {
  const info = (manifest as { localizationInfo?: { additionalLanguages?: Array<{ file?: unknown }> } }).localizationInfo;
  return (info?.additionalLanguages ?? []).map((language) => String(language.file));
}

/** Size checks for both icons; the outline icon must also be white on transparent. */
export function checkIcons(directory: string): string[] {
  const problems: string[] = [];
  const images: Partial<Record<keyof typeof ICONS, PNG>> = {};
  for (const [name, icon] of Object.entries(ICONS) as Array<[keyof typeof ICONS, (typeof ICONS)[keyof typeof ICONS]]>) {
    let png: Buffer;
    try {
      png = readFileSync(join(directory, icon.file));
    } catch {
      problems.push(`${icon.file} is missing (run: npx tsx scripts/make-icons.ts)`);
      continue;
    }
    try {
      // pngjs hands back 8-bit RGBA whatever the file's colour type, so any valid PNG is checked.
      const image = PNG.sync.read(png);
      if (image.width !== icon.size || image.height !== icon.size) {
        problems.push(`${icon.file} is ${image.width}x${image.height}, Teams requires ${icon.size}x${icon.size}`);
      }
      images[name] = image;
    } catch (error) {
      problems.push(`${icon.file}: ${(error as Error).message}`);
    }
  }
  const outline = images.outline?.data;
  if (problems.length === 0 && outline) {
    for (let i = 0; i < outline.length; i += 4) {
      if (outline[i + 3]! > 0 && (outline[i] !== 255 || outline[i + 1] !== 255 || outline[i + 2] !== 255)) {
        problems.push(`${ICONS.outline.file} must be white on transparent; pixel ${i / 4} is not white`);
        break;
      }
    }
  }
  return problems;
}

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  /** Filled language files by file name (fr.json ...). */
  languages: Record<string, unknown>;
  /** The names of the files in the zip, in order. */
  files: string[];
}

/** A fixed timestamp makes the zip byte-for-byte reproducible for the same inputs. */
const ZIP_DATE = new Date(2024, 0, 1, 0, 0, 0);

/** Fills, validates and zips the package; throws a PackageError listing every problem found. */
export async function buildAppPackage(settings: PackageSettings, directory = MANIFEST_DIRECTORY): Promise<AppPackage> {
  const values = placeholderValues(settings);
  const manifest = fillPlaceholders(readJson(directory, TEMPLATE_FILE), values, TEMPLATE_FILE) as Record<string, unknown>;
  const problems = validateManifest(manifest).errors.map((error) => `manifest.json ${error}`);
  const languages: Record<string, unknown> = {};
  for (const file of languageFiles(manifest)) {
    const language = fillPlaceholders(readJson(directory, file), values, file);
    languages[file] = language;
    problems.push(...validateLocalization(language, manifest).errors.map((error) => `${file} ${error}`));
  }
  problems.push(...checkIcons(directory));
  if (problems.length > 0) throw new PackageError('the Teams app package is not valid:', problems);

  const zip = new JSZip();
  const add = (name: string, content: string | Buffer): void => {
    zip.file(name, content, { date: ZIP_DATE });
  };
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  add(ICONS.color.file, readFileSync(join(directory, ICONS.color.file)));
  add(ICONS.outline.file, readFileSync(join(directory, ICONS.outline.file)));
  for (const [file, language] of Object.entries(languages)) add(file, `${JSON.stringify(language, null, 2)}\n`);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  return { zip: buffer, manifest, languages, files: Object.keys(zip.files) };
}
