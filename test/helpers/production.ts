/** The tenant of the test people, on the production allowlist. */
export const ALLOWED_TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';

/** A complete production configuration (fake secret), listening on loopback for the tests. */
export const PRODUCTION_ENV = {
  MicrosoftAppId: '00000000-0000-0000-0000-00000000b07d',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: ALLOWED_TENANT,
  MicrosoftAppType: 'SingleTenant',
  ALLOWED_TENANT_IDS: ALLOWED_TENANT,
  PUBLIC_BASE_URL: 'https://desk.example.org',
  HOST: '127.0.0.1',
};
