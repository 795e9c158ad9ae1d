import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import JSZip from 'jszip';
import {
  buildAppPackage,
  checkIcons,
  fillPlaceholders,
  languageFiles,
  MANIFEST_DIRECTORY,
  PackageError,
  placeholderValues,
  readSettings,
  TEMPLATE_FILE,
  type PackageSettings,
} from '../scripts/app-package';
import { drawColorIcon, drawOutlineIcon, encodeIcon } from '../scripts/make-icons';
import {
  MANIFEST_SCHEMA_URL,
  MANIFEST_SCHEMA_VERSION,
  validateLocalization,
  validateManifest,
} from '../scripts/manifest-schema';
import { PNG } from 'pngjs';
import { REPORT_COMMAND, SEARCH_COMMAND } from '../bot/alerts/messageExtension';
import { commandNames } from '../bot/app';

const ROOT = join(__dirname, '..');
// The bot's own command list, in its help order: the manifest must name exactly these.
const COMMANDS = commandNames();
const SCOPES = ['personal', 'team', 'groupChat'];
const LANGUAGES = { 'fr-fr': 'fr.json', 'it-it': 'it.json', 'pt-pt': 'pt.json', 'es-es': 'es.json' };
const BOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const TEAMS_APP_ID = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Manifest {
  [key: string]: unknown;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  bots: Array<{ botId?: string; scopes: string[]; commandLists: CommandList[]; supportsFiles: boolean; isNotificationOnly: boolean }>;
  configurableTabs: Array<{ configurationUrl: string; scopes: string[]; context: string[]; canUpdateConfiguration: boolean }>;
  staticTabs: Array<{ entityId: string; name?: string; contentUrl?: string; scopes: string[] }>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

function settingsFor(environment: Record<string, string>): PackageSettings {
  const result = readSettings(environment, '0.1.0');
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.settings;
}

const settings = settingsFor({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'https://desk.example.org/' });

function readManifestJson(file: string): unknown {
  return JSON.parse(readFileSync(join(MANIFEST_DIRECTORY, file), 'utf8'));
}

function filledManifest(values = settings): Manifest {
  return fillPlaceholders(readManifestJson(TEMPLATE_FILE), placeholderValues(values)) as Manifest;
}

function filledLanguage(file: string): Record<string, string> {
  return fillPlaceholders(readManifestJson(file), placeholderValues(settings)) as Record<string, string>;
}

describe('Teams app manifest', () => {
  before(function () {
    this.timeout(20000); // compiling the official schemas takes a moment on a small machine
    validateManifest({});
    validateLocalization({});
  });

  it('uses the newest released manifest schema that @microsoft/app-manifest bundles', () => {
    const schemas = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
    const released = readdirSync(schemas)
      .map((name) => /^v1\.(\d+)$/.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]));
    expect(`1.${Math.max(...released)}`).to.equal(MANIFEST_SCHEMA_VERSION);
    const template = readManifestJson(TEMPLATE_FILE) as Manifest;
    expect(template.manifestVersion).to.equal(MANIFEST_SCHEMA_VERSION);
    expect(template.$schema).to.equal(MANIFEST_SCHEMA_URL);
  });

  it('validates against the official schema once the placeholders are filled', () => {
    const result = validateManifest(filledManifest());
    expect(result.errors).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('fills every placeholder: bot id, app id, version, host and URLs', () => {
    const manifest = filledManifest();
    expect(JSON.stringify(manifest)).not.to.include('${{');
    expect(manifest.id).to.equal(BOT_ID);
    expect(manifest.version).to.equal('0.1.0');
    expect(manifest.bots[0]!.botId).to.equal(BOT_ID);
    expect(manifest.validDomains).to.deep.equal(['desk.example.org']);
    expect(manifest.webApplicationInfo).to.deep.equal({ id: BOT_ID, resource: `api://desk.example.org/${BOT_ID}` });
    expect(manifest.developer).to.deep.equal({
      name: 'Cooperation Desk contributors',
      websiteUrl: 'https://desk.example.org/',
      privacyUrl: 'https://desk.example.org/privacy',
      termsOfUseUrl: 'https://desk.example.org/terms',
    });
    expect(manifest.configurableTabs[0]!.configurationUrl).to.equal('https://desk.example.org/tab/?view=config');
  });

  it('uses TEAMS_APP_ID as the app id when it is given, and keeps the bot id for the bot', () => {
    const manifest = filledManifest(settingsFor({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID, PUBLIC_BASE_URL: 'https://desk.example.org' }));
    expect(manifest.id).to.equal(TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).to.equal(BOT_ID);
    expect(validateManifest(manifest).valid).to.equal(true);
  });

  it('keeps a path in PUBLIC_BASE_URL and a non-default port in the host', () => {
    const manifest = filledManifest(settingsFor({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'https://example.org:8443/desk/' }));
    expect(manifest.staticTabs.find((tab) => tab.entityId === 'planBoard')!.contentUrl).to.equal(
      'https://example.org:8443/desk/tab/?view=board',
    );
    expect(manifest.validDomains).to.deep.equal(['example.org:8443']);
  });

  it('refuses to fill a placeholder it has no value for', () => {
    expect(() => fillPlaceholders({ url: '${{NOT_A_SETTING}}/x' }, placeholderValues(settings))).to.throw(
      PackageError,
      '${{NOT_A_SETTING}}',
    );
  });

  describe('the validator rejects a broken manifest', () => {
    it('with a short name of 40 characters', () => {
      const manifest = filledManifest();
      manifest.name.short = 'Cooperation Desk for four member states!';
      expect(manifest.name.short).to.have.length(40);
      const result = validateManifest(manifest);
      expect(result.valid).to.equal(false);
      expect(result.errors.join('\n')).to.include('/name/short');
    });

    it('with a bot that has no botId', () => {
      const manifest = filledManifest();
      delete manifest.bots[0]!.botId;
      const result = validateManifest(manifest);
      expect(result.valid).to.equal(false);
      expect(result.errors.join('\n')).to.include('botId');
    });

    it('with a bot id that is not a GUID', () => {
      const manifest = filledManifest();
      manifest.bots[0]!.botId = '${{BOT_ID}}';
      expect(validateManifest(manifest).errors.join('\n')).to.include('/bots/0/botId');
    });

    it('with another manifest version than the schema', () => {
      const manifest = filledManifest();
      manifest.manifestVersion = '1.18';
      expect(validateManifest(manifest).errors.join('\n')).to.include('/manifestVersion');
    });

    it('with a property the schema does not know', () => {
      const manifest = { ...filledManifest(), botCommands: [] };
      expect(validateManifest(manifest).errors.join('\n')).to.include('"botCommands"');
    });
  });

  describe('bot', () => {
    it('is conversational in personal chats, teams and group chats, without files', () => {
      const bot = filledManifest().bots[0]!;
      expect(bot.scopes).to.have.members(SCOPES);
      expect(bot.supportsFiles).to.equal(false);
      expect(bot.isNotificationOnly).to.equal(false);
    });

    it('works in shared and private channels, where the other authorities’ tenants meet the host’s', () => {
      const manifest = filledManifest() as { supportsChannelFeatures?: string; supportedChannelTypes?: string[] };
      expect(manifest.supportsChannelFeatures).to.equal('tier1');
      expect(manifest.supportedChannelTypes).to.have.members(['sharedChannels', 'privateChannels']);
    });

    it('has one command list per scope naming the commands the bot understands, in its order, within Teams\' menu of ten', () => {
      const lists = filledManifest().bots[0]!.commandLists;
      expect(lists.map((list) => list.scopes)).to.have.deep.members(SCOPES.map((scope) => [scope]));
      // Teams shows at most ten commands per scope; `requests` is left out of the menu, named in
      // the `request` entry's description, and so are the coordinators' `state` and `authority`
      // (the open process), `search` and `mine` (listed by /help): all are typed like every other command.
      expect(COMMANDS.length).to.be.greaterThan(10);
      const TYPED_ONLY = ['requests', 'state', 'authority', 'search', 'mine'];
      const menu = COMMANDS.filter((name) => !TYPED_ONLY.includes(name));
      for (const list of lists) {
        expect(list.commands.map((command) => command.title), list.scopes.join()).to.deep.equal(menu);
        expect(list.commands.find((command) => command.title === 'request')!.description).to.include('requests');
        for (const command of list.commands) {
          expect(command.description, command.title).to.be.a('string').and.not.be.empty;
          // Teams shows descriptions in a narrow menu; older schemas capped them at 128.
          expect(command.description!.length, command.title).to.be.at.most(128);
        }
      }
    });
  });

  describe('message extension', () => {
    it('declares the commands the bot handles: company search in compose and report-as-alert on messages', () => {
      const manifest = filledManifest() as unknown as { composeExtensions: Array<{ botId: string; commands: Array<{ id: string; type: string; context: string[] }> }> };
      const [extension] = manifest.composeExtensions;
      expect(extension.botId).to.equal(BOT_ID);
      expect(extension.commands.map((c) => [c.id, c.type])).to.deep.equal([
        [SEARCH_COMMAND, 'query'],
        [REPORT_COMMAND, 'action'],
      ]);
      expect(extension.commands[1].context).to.deep.equal(['message']);
    });
  });

  describe('tabs', () => {
    it('offers the plan board as a configurable tab in channels, chats and meetings', () => {
      const [tab, ...others] = filledManifest().configurableTabs;
      expect(others).to.be.empty;
      expect(tab!.canUpdateConfiguration).to.equal(true);
      expect(tab!.scopes).to.have.members(['team', 'groupChat']);
      expect(tab!.context).to.have.members([
        'channelTab',
        'privateChatTab',
        'meetingChatTab',
        'meetingDetailsTab',
        'meetingSidePanel',
        'meetingStage',
      ]);
    });

    it('pins the plan board, the chat and the about page in the personal app', () => {
      const tabs = filledManifest().staticTabs;
      expect(tabs.map((tab) => tab.entityId)).to.deep.equal(['conversations', 'planBoard', 'about']);
      const board = tabs.find((tab) => tab.entityId === 'planBoard')!;
      expect(board).to.include({ name: 'Plan board', contentUrl: 'https://desk.example.org/tab/?view=board' });
      for (const tab of tabs) expect(tab.scopes).to.deep.equal(['personal']);
    });
  });

  describe('language files', () => {
    const english = filledManifest();

    it('are declared for French, Italian, Portuguese and Spanish, English being the default', () => {
      expect(english.localizationInfo.defaultLanguageTag).to.equal('en-us');
      expect(english.localizationInfo.additionalLanguages).to.deep.equal(
        Object.entries(LANGUAGES).map(([languageTag, file]) => ({ languageTag, file })),
      );
      expect(languageFiles(english)).to.deep.equal(Object.values(LANGUAGES));
    });

    for (const [tag, file] of Object.entries(LANGUAGES)) {
      describe(`${file} (${tag})`, () => {
        it('validates against the official localization schema and translates only texts the manifest has', () => {
          const result = validateLocalization(filledLanguage(file), english);
          expect(result.errors).to.deep.equal([]);
        });

        it('translates the name, the descriptions and the plan board tab', () => {
          const language = filledLanguage(file);
          expect(language['name.short']).to.equal('Cooperation Desk');
          for (const key of ['name.full', 'description.short', 'description.full']) {
            expect(language[key], key).to.be.a('string').and.not.equal(resolve(english, key));
          }
          const boardIndex = english.staticTabs.findIndex((tab) => tab.entityId === 'planBoard');
          expect(language[`staticTabs[${boardIndex}].name`]).to.be.a('string').and.not.equal('Plan board');
        });

        it('translates every command of every command list, keeping the command words', () => {
          const language = filledLanguage(file);
          english.bots[0]!.commandLists.forEach((list, l) => {
            list.commands.forEach((command, c) => {
              const key = `bots[0].commandLists[${l}].commands[${c}]`;
              // The bot parses these words whatever the user's language.
              expect(language[`${key}.title`], `${key}.title`).to.equal(command.title);
              const description = language[`${key}.description`];
              expect(description, `${key}.description`).to.be.a('string').and.not.equal(command.description);
              expect(description!.length, `${key}.description`).to.be.within(1, 128);
            });
          });
        });
      });
    }

    it('the validator rejects a too long name, an unknown key and a key the manifest lacks', () => {
      const language = filledLanguage('fr.json');
      expect(validateLocalization({ ...language, 'name.short': 'x'.repeat(31) }).valid).to.equal(false);
      expect(validateLocalization({ ...language, 'bots[0].title': 'x' }).errors.join('\n')).to.include('bots[0].title');
      const extra = { ...language, 'bots[0].commandLists[0].commands[11].title': 'export' };
      expect(validateLocalization(extra).valid, 'the schema allows up to 12 commands').to.equal(true);
      expect(validateLocalization(extra, english).errors.join('\n')).to.include('commands[11].title');
    });
  });

  describe('icons', () => {
    it('color.png is a 192x192 full colour PNG', () => {
      const png = readFileSync(join(MANIFEST_DIRECTORY, 'color.png'));
      const image = PNG.sync.read(png);
      expect(image).to.include({ width: 192, height: 192, depth: 8, colorType: 6 });
      const pixels = image.data;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4) colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
      expect(colours.size).to.be.greaterThan(4);
    });

    it('outline.png is a 32x32 PNG, white on transparent', () => {
      const png = readFileSync(join(MANIFEST_DIRECTORY, 'outline.png'));
      const image = PNG.sync.read(png);
      expect(image).to.include({ width: 32, height: 32 });
      const pixels = image.data;
      let opaque = 0;
      let transparent = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) transparent += 1;
        else {
          expect([pixels[i], pixels[i + 1], pixels[i + 2]], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
          if (pixels[i + 3] === 255) opaque += 1;
        }
      }
      expect(opaque).to.be.greaterThan(50);
      expect(transparent).to.be.greaterThan(200);
    });

    it('are what scripts/make-icons.ts draws (rerun it after changing the drawing)', () => {
      expect(encodeIcon(drawColorIcon()).equals(readFileSync(join(MANIFEST_DIRECTORY, 'color.png')))).to.equal(true);
      expect(encodeIcon(drawOutlineIcon()).equals(readFileSync(join(MANIFEST_DIRECTORY, 'outline.png')))).to.equal(true);
    });

    it('are refused by the packaging when missing, not PNG, of the wrong size, or not white on transparent', () => {
      const directory = mkdtempSync(join(tmpdir(), 'icons-'));
      try {
        const write = (file: string, content: Buffer) => writeFileSync(join(directory, file), content);
        write('color.png', encodeIcon(drawColorIcon()));
        write('outline.png', encodeIcon(drawOutlineIcon()));
        expect(checkIcons(directory)).to.deep.equal([]);

        const grey = drawOutlineIcon();
        const opaque = grey.data.findIndex((_, i) => i % 4 === 3 && grey.data[i] === 255) - 3;
        grey.data.fill(128, opaque, opaque + 3);
        write('outline.png', encodeIcon(grey));
        expect(checkIcons(directory)).to.deep.equal([`outline.png must be white on transparent; pixel ${opaque / 4} is not white`]);

        write('outline.png', encodeIcon(drawColorIcon()));
        expect(checkIcons(directory)).to.deep.equal(['outline.png is 192x192, Teams requires 32x32']);

        write('color.png', Buffer.from('not a picture'));
        expect(checkIcons(directory)).to.have.length(2).and.satisfy((problems: string[]) => problems[0]!.startsWith('color.png: '));
        rmSync(join(directory, 'color.png'));
        expect(checkIcons(directory)[0]).to.equal('color.png is missing (run: npx tsx scripts/make-icons.ts)');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });

  describe('packaging', () => {
    it('builds a zip holding the manifest, the icons and the four language files', async () => {
      const appPackage = await buildAppPackage(settings);
      const zip = await JSZip.loadAsync(appPackage.zip);
      expect(Object.keys(zip.files).sort()).to.deep.equal(
        ['color.png', 'es.json', 'fr.json', 'it.json', 'manifest.json', 'outline.png', 'pt.json'],
      );
    });
  });
});

describe('npm run package (scripts/package-manifest.ts)', function () {
  this.timeout(60000);
  let workDirectory: string;
  let emptyEnvFile: string;

  before(() => {
    workDirectory = mkdtempSync(join(tmpdir(), 'app-package-'));
    emptyEnvFile = join(workDirectory, 'empty.env');
    writeFileSync(emptyEnvFile, '');
  });

  after(() => rmSync(workDirectory, { recursive: true, force: true }));

  /** Runs the script in a child process with only the given settings (the repository's .env is not read). */
  async function runPackage(settingsEnv: Record<string, string>, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const environment: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['MicrosoftAppId', 'PUBLIC_BASE_URL', 'TEAMS_APP_ID']) delete environment[name];
    const args = ['--require', require.resolve('tsx/cjs'), join(ROOT, 'scripts', 'package-manifest.ts')];
    args.push('--out', out, '--env-file', emptyEnvFile);
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
        cwd: ROOT,
        env: { ...environment, ...settingsEnv },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
  }

  it('writes a valid package when MicrosoftAppId and PUBLIC_BASE_URL are valid', async () => {
    const out = join(workDirectory, 'ok', 'appPackage.zip');
    const run = await runPackage({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'https://desk.example.org' }, out);
    expect(run.code, run.stderr).to.equal(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).to.deep.equal(
      ['color.png', 'es.json', 'fr.json', 'it.json', 'manifest.json', 'outline.png', 'pt.json'],
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(validateManifest(manifest).errors).to.deep.equal([]);
    expect(manifest.id).to.equal(BOT_ID);
    expect(manifest.validDomains).to.deep.equal(['desk.example.org']);
    for (const file of Object.values(LANGUAGES)) {
      const language = JSON.parse(await zip.file(file)!.async('string')) as unknown;
      expect(validateLocalization(language, manifest).errors, file).to.deep.equal([]);
    }
    const icon = await zip.file('color.png')!.async('nodebuffer');
    expect(icon.equals(readFileSync(join(MANIFEST_DIRECTORY, 'color.png')))).to.equal(true);
  });

  it('exits non-zero and says why when PUBLIC_BASE_URL is not an https URL', async () => {
    const out = join(workDirectory, 'bad-url', 'appPackage.zip');
    const run = await runPackage({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'http://desk.example.org' }, out);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/PUBLIC_BASE_URL must be .*https:\/\//);
    expect(run.stderr).to.include('"http://desk.example.org"');
    expect(run.stderr).not.to.include('MicrosoftAppId');
    expect(existsSync(out)).to.equal(false);
  });

  it('names every missing or malformed setting in one run', async () => {
    const out = join(workDirectory, 'bad-all', 'appPackage.zip');
    const run = await runPackage({ MicrosoftAppId: 'not-a-guid', PUBLIC_BASE_URL: '' }, out);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('MicrosoftAppId must be a GUID');
    expect(run.stderr).to.include('PUBLIC_BASE_URL is not set');
    expect(existsSync(out)).to.equal(false);
  });
});

function resolve(manifest: Manifest, dottedKey: string): unknown {
  return dottedKey.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], manifest);
}
