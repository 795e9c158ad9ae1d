/**
 * `npm run package`: builds build/appPackage.zip, the package to upload to Teams.
 *
 * Reads `.env` (values already in the environment win) and the environment:
 *   MicrosoftAppId   the bot's Microsoft App ID (GUID); also the Teams app id unless TEAMS_APP_ID is set
 *   PUBLIC_BASE_URL  the public https:// address serving the bot and the tab
 *   TEAMS_APP_ID     optional, the Teams app id (GUID)
 * Options: --out <file> (default build/appPackage.zip), --env-file <file> (default .env).
 * Exits 1 with one line per problem when a setting or the resulting package is invalid.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { buildAppPackage, PackageError, readSettings } from './app-package';
import { MANIFEST_SCHEMA_VERSION } from './manifest-schema';

const ROOT = join(__dirname, '..');

async function main(): Promise<number> {
  const { values: options } = parseArgs({
    options: {
      out: { type: 'string', default: join(ROOT, 'build', 'appPackage.zip') },
      'env-file': { type: 'string', default: join(ROOT, '.env') },
    },
  });
  const envFile = resolve(options['env-file']!);
  const loaded = loadDotenv({ path: envFile, quiet: true });
  if (loaded.error && (loaded.error as NodeJS.ErrnoException).code !== 'ENOENT') {
    console.error(`Cannot read ${envFile}: ${loaded.error.message}`);
    return 1;
  }

  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  const result = readSettings(process.env, String(packageJson.version ?? ''));
  if (!result.ok) {
    console.error('Cannot build the Teams app package, fix these settings (in .env or the environment):');
    for (const problem of result.problems) console.error(`  - ${problem}`);
    return 1;
  }

  try {
    const appPackage = await buildAppPackage(result.settings);
    const out = resolve(options.out!);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, appPackage.zip);
    const fromHere = relative(process.cwd(), out);
    const shownPath = fromHere === '' || fromHere.startsWith('..') ? out : fromHere;
    console.log(`Wrote ${shownPath} (manifest v${MANIFEST_SCHEMA_VERSION}, app ${result.settings.appVersion}):`);
    console.log(`  ${appPackage.files.join(', ')}`);
    console.log(`  app id ${result.settings.teamsAppId}, bot ${result.settings.botId}, ${result.settings.publicBaseUrl}`);
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(`Cannot build the Teams app package: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
