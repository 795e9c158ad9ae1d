import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { postActivity, tempDbPath } from './helpers/testApp';
import { ROOT, spawnServer, type ServerProcess } from './helpers/serverProcess';
import { ConnectorStub } from './helpers/connectorStub';
import { activity, personalMessage } from './helpers/activities';
import { PEOPLE, from, registerPeople } from './helpers/people';
import { cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import demoAlerts from '../src/demo/demo-alerts.json';

/**
 * Production runs the esbuild bundle under plain node (`npm run serve`), not the sources under
 * tsx: what the bundle leaves out or resolves differently (deep package imports, the card
 * templates and migrations copied beside it) only shows when it runs.
 */
describe('the production bundle', function () {
  this.timeout(60_000);
  let server: ServerProcess;
  let connector: ConnectorStub;
  let base = '';

  before(async () => {
    const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'build-server.ts')], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).to.equal(0);
    connector = await new ConnectorStub().start();
    registerPeople(connector);
    server = spawnServer([path.join(ROOT, 'dist', 'server', 'main.js')], { PORT: '0', DB_PATH: tempDbPath(), MicrosoftAppId: '', LOG_LEVEL: 'silent' });
    base = await server.botEndpointBase();
  });

  after(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited();
    }
    await connector.stop();
  });

  const post = (body: Record<string, unknown>) => postActivity(base, connector.url, body);

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
    // Numbered after the demo's alerts, which the bundle loaded at its first start as the app does.
    const number = String(demoAlerts.alerts.length + 1).padStart(4, '0');
    const ref = new RegExp(`AL-\\d{4}-${number}`).exec(JSON.stringify(submitted.body))![0];
    await connector.waitFor(() => connector.sentActivities().some((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref)), 10_000);
    const channelPost = connector.sentActivities().find((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref))!;
    expect(channelPost.conversationId).to.equal('19:cooperation-general@thread.tacv2');
    expect(JSON.stringify(cardsOf(channelPost.body)[0])).to.include('599004002').and.include('"verb":"alert.respond"');
  });
});
