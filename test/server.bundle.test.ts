import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDbPath } from './helpers/testApp';
import { ConnectorStub } from './helpers/connectorStub';
import { activity, personalMessage } from './helpers/activities';
import { PEOPLE, from, registerPeople } from './helpers/people';
import { cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'server', 'main.js');

/**
 * Production runs the esbuild bundle under plain node (`npm run serve`), not the sources under
 * tsx: what the bundle leaves out or resolves differently (deep package imports, the card
 * templates and migrations copied beside it) only shows when it runs.
 */
describe('the production bundle', function () {
  this.timeout(60_000);
  let child: ChildProcess | null = null;
  let connector: ConnectorStub;
  let base = '';

  before(async () => {
    const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'build-server.ts')], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).to.equal(0);
    connector = await new ConnectorStub().start();
    registerPeople(connector);
    const dbPath = tempDbPath();
    child = spawn(process.execPath, [BUNDLE], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 20_000;
    while (!/Bot endpoint: (\S+)\/api\/messages/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the bundle did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    base = /Bot endpoint: (\S+)\/api\/messages/.exec(output)![1];
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await connector.stop();
  });

  async function post(body: Record<string, unknown>) {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, serviceUrl: connector.url }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  it('runs under plain node: answers /help and posts a submitted alert to the cooperation channel', async () => {
    await post(activity('conversationUpdate.install.team'));
    expect((await post(personalMessage('/help', from(PEOPLE.frInspector)))).status).to.equal(200);
    await connector.waitFor(() => connector.sentActivities().some((call) => JSON.stringify(call.body).includes(translator('en')('help.title'))));

    const submitted = await post(
      activity('invoke.cardAction.personal', {
        ...from(PEOPLE.ptInspector),
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'alert.submit',
            data: {
              formId: '00000000-0000-4000-8000-00000000b001',
              companyName: 'Obras Bundle Demo, Lda (fictional)',
              identifierType0: 'pt_nipc',
              identifierValue0: '599 004 002',
              registrationCountry: 'PT',
              countriesConcerned: 'FR',
              fraudTypes: 'letterbox_company',
              urgency: 'routine',
              summary: 'Registered office looks like a mailbox.',
            },
          },
        },
      }),
    );
    expect(submitted.status).to.equal(200);
    const ref = /AL-\d{4}-0001/.exec(JSON.stringify(submitted.body))![0];
    await connector.waitFor(() => connector.sentActivities().some((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref)), 10_000);
    const channelPost = connector.sentActivities().find((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref))!;
    expect(channelPost.conversationId).to.equal('19:cooperation-general@thread.tacv2');
    expect(JSON.stringify(cardsOf(channelPost.body)[0])).to.include('599004002').and.include('"verb":"alert.respond"');
  });
});
