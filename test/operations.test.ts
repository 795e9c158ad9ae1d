import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from './helpers/testApp';
import { ConfigError, loadConfig } from '../server/config';
import { listAudit } from '../src/audit/audit';

function metricValue(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${name}{`) && row.includes(labels));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('scheduled backups in the running app', () => {
  let t: TestApp | null = null;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-backups-'));
  });
  afterEach(async () => {
    await t?.stop();
    t = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes the day's backup at start when it is missing, and shows it in /metrics and /healthz", async () => {
    t = await startTestApp({ env: { BACKUP_DIR: dir, BACKUP_TIME: '00:00' } });
    const files = fs.readdirSync(dir).filter((file) => /^cooperation-desk-.*\.db$/.test(file));
    expect(files).to.have.length(1);
    expect(listAudit(t.app.db, { action: 'store.backed_up' })).to.have.length(1);
    const metrics = await (await fetch(`${t.app.url}/metrics`)).text();
    expect(metricValue(metrics, 'cooperation_desk_backup_last_run_timestamp_seconds', 'result="ok"')).to.be.closeTo(Date.now() / 1000, 120);
    expect(metricValue(metrics, 'cooperation_desk_job_runs_total', 'job="store-backup",result="ok"')).to.equal(1);
    expect(await (await fetch(`${t.app.url}/healthz`)).json()).to.deep.include({ status: 'ok' });
  });

  it('says degraded on /healthz, still answering 200, and failed in /metrics when the backup fails', async () => {
    const notADirectory = path.join(dir, 'a-file');
    fs.writeFileSync(notADirectory, 'not a directory');
    t = await startTestApp({ env: { BACKUP_DIR: notADirectory, BACKUP_TIME: '00:00' } });
    const health = await fetch(`${t.app.url}/healthz`);
    expect(health.status).to.equal(200);
    const body = (await health.json()) as { status: string; backup?: { lastError: string | null } };
    expect(body.status).to.equal('degraded');
    expect(body.backup?.lastError).to.be.a('string').and.not.equal('');
    const metrics = await (await fetch(`${t.app.url}/metrics`)).text();
    expect(metricValue(metrics, 'cooperation_desk_backup_last_run_timestamp_seconds', 'result="failed"')).to.be.greaterThan(0);
    expect(metricValue(metrics, 'cooperation_desk_job_runs_total', 'job="store-backup",result="failed"')).to.equal(1);
  });

  it('is off without BACKUP_DIR, and a bad BACKUP_TIME or BACKUP_KEEP is named at start', () => {
    expect(loadConfig({}).backup.dir).to.equal(null);
    try {
      loadConfig({ BACKUP_DIR: dir, BACKUP_TIME: '25:00', BACKUP_KEEP: '0' });
      expect.fail('the configuration was accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.include('BACKUP_TIME').and.include('BACKUP_KEEP');
    }
  });
});
