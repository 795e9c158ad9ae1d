import { expect } from 'chai';
import { ConfigError, loadConfig } from '../server/config';

const APP_ID = '00000000-0000-0000-0000-00000000b07d';
const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs in local mode on loopback with demo data when there is no app id', () => {
    const config = loadConfig({});
    expect(config).to.include({ mode: 'local', host: '127.0.0.1', port: 3978, dbPath: './data/cooperation-desk.db', loadDemoData: true, demoAuthorityId: 'PT-ACT' });
  });

  it('refuses to listen beyond loopback in local mode', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })[0]).to.match(/^HOST: .*loopback/);
  });

  it('names every bad value in one message', () => {
    const problems = problemsOf({ PORT: 'eighty', DEFAULT_LOCALE: 'de', ALLOWED_TENANT_IDS: 'not-a-guid', MicrosoftAppId: 'abc' });
    expect(problems.join('\n')).to.match(/PORT/).and.match(/DEFAULT_LOCALE/).and.match(/ALLOWED_TENANT_IDS/).and.match(/MicrosoftAppId/);
  });

  it('requires password, tenant allowlist and an https public URL in production', () => {
    const problems = problemsOf({ MicrosoftAppId: APP_ID, PUBLIC_BASE_URL: 'http://desk.example.org' });
    expect(problems.join('\n'))
      .to.match(/MicrosoftAppPassword: required/)
      .and.match(/MicrosoftAppTenantId: required/)
      .and.match(/ALLOWED_TENANT_IDS/)
      .and.match(/PUBLIC_BASE_URL: must start with https/);
  });

  it('derives the SSO audience from the public host and the app id in production', () => {
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: TENANT,
      ALLOWED_TENANT_IDS: `${TENANT.toUpperCase()}, ${TENANT}`,
      PUBLIC_BASE_URL: 'https://desk.example.org/',
    });
    expect(config).to.include({ mode: 'production', host: '0.0.0.0', publicBaseUrl: 'https://desk.example.org', ssoAudience: `api://desk.example.org/${APP_ID}`, loadDemoData: false, demoAuthorityId: null });
    expect(config.allowedTenantIds).to.deep.equal([TENANT, TENANT]);
  });
});
