import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, tempDbPath } from './helpers/testApp';
import { personalMessage } from './helpers/activities';
import { translator } from '../src/i18n/translate';
import { ROOT, spawnServer } from './helpers/serverProcess';

describe('the server', function () {
  this.timeout(30_000);

  it('answers an unexpected failure with a short localized apology carrying a correlation id', async () => {
    const t = await startTestApp();
    try {
      // A store that went away is the kind of failure no handler expects.
      t.app.db.close();
      await t.post(personalMessage('/help', { locale: 'fr-FR' }));
      const [reply] = t.connector.sentActivities();
      const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(reply.body.text)?.[0];
      expect(id).to.be.a('string');
      expect(reply.body.text).to.equal(translator('fr')('errors.unexpected', { correlationId: id }));
      const health = await fetch(`${t.app.url}/healthz`);
      expect(health.status).to.equal(503);
    } finally {
      await t.app.stop().catch(() => undefined);
      await t.connector.stop();
    }
  });

  it('starts from the command line, says it is in local mode on loopback, and stops cleanly on SIGTERM', async () => {
    const dbPath = tempDbPath();
    const server = spawnServer(['--import', 'tsx', path.join(ROOT, 'server/main.ts')], { PORT: '0', DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'silent' });
    const base = await server.botEndpointBase();
    expect(server.output()).to.match(/LOCAL MODE/).and.match(/loopback/);
    expect(base).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/healthz`)).status).to.equal(200);
    server.child.kill('SIGTERM');
    expect(await server.exited()).to.equal(0);
    // Closing the store checkpoints the write-ahead log away.
    expect(fs.existsSync(`${dbPath}-wal`)).to.equal(false);
  });

  it('refuses to start with a bad configuration and names the value', async () => {
    const server = spawnServer(['--import', 'tsx', path.join(ROOT, 'server/main.ts')], { PORT: 'eighty', DB_PATH: tempDbPath() });
    expect(await server.exited()).to.equal(1);
    expect(server.errors()).to.match(/PORT/);
  });
});
