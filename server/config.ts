import { z } from 'zod';
import { LANGUAGES } from '../src/i18n/languages';
import type { BotSettings, Mode } from '../bot/settings';
import { BackupConfigError, loadBackupConfig, type BackupConfig } from '../src/operations/backupConfig';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());
const guidList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : []),
  z.array(z.string().regex(guid, 'each entry must be a GUID')),
);

const envSchema = z.object({
  MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be the bot registration GUID').optional()),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be a tenant GUID').optional()),
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: optionalText,
  DB_PATH: z.preprocess(emptyToUndefined, z.string().default('./data/cooperation-desk.db')),
  ALLOWED_TENANT_IDS: guidList,
  ALLOW_PARTICIPANT_TENANTS: z.preprocess(emptyToUndefined, z.enum(['yes', 'no']).default('no')),
  ALLOWED_TEAM_IDS: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : []),
    z.array(z.string()),
  ),
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url('must be an absolute URL such as https://desk.example.org').optional()),
  DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(LANGUAGES).default('en')),
  DEMO_AUTHORITY_ID: z.preprocess(emptyToUndefined, z.string().default('PT-ACT')),
  DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['auto', 'never']).default('auto')),
  TAB_SSO_AUDIENCE: optionalText,
  RETENTION_HIDE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(183)),
  RETENTION_DELETE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(36500).default(1095)),
  CJI_REMINDER_DAYS_BEFORE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(60).default(7)),
  CJI_REPORT_DUE_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(14)),
  ALERT_ANSWER_DAYS_URGENT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(60).default(2)),
  ALERT_ANSWER_DAYS_PRIORITY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(60).default(5)),
  SSO_JWKS_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SSO_ISSUER_BASE: z.preprocess(emptyToUndefined, z.string().url().optional()),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters (a random token)').optional()),
  OUTBOX_SEND_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(120_000).default(15_000)),
});

export type { Mode };

/** The process's configuration: the Teams adapter's settings, and the server's and the tab's own. */
export interface Config extends BotSettings {
  host: string;
  port: number;
  dbPath: string;
  loadDemoData: boolean;
  /** Audience of the tab's Teams SSO tokens: the app's api://host/appId identifier URI. */
  ssoAudience: string | null;
  /** Entra's signing keys and issuer host; only changed for sovereign clouds and tests. */
  ssoJwksUrl: string | null;
  ssoIssuerBase: string | null;
  /** Lets a scraper from another machine read /metrics; loopback needs none. */
  metricsToken: string | null;
  /** Scheduled backups (BACKUP_DIR, BACKUP_TIME, BACKUP_KEEP); off without a directory. */
  backup: BackupConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Reads and checks the configuration. Without an app id the app runs in local mode, where Bot
 * Framework authentication is off, so it may only ever listen on loopback.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const mode: Mode = e.MicrosoftAppId ? 'production' : 'local';
  const problems: string[] = [];
  if (mode === 'production') {
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) problems.push('MicrosoftAppPassword: required with MicrosoftAppId');
    if (e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${e.MicrosoftAppType}`);
    if (e.ALLOWED_TENANT_IDS.length === 0) problems.push('ALLOWED_TENANT_IDS: list the tenant GUIDs of the participating organisations (comma-separated)');
    if (!e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required in production (the https address Teams reaches the app at)');
    else if (!e.PUBLIC_BASE_URL.startsWith('https://')) problems.push('PUBLIC_BASE_URL: must start with https:// in production');
  } else if (e.HOST && !LOOPBACK.has(e.HOST)) {
    problems.push(`HOST: ${e.HOST} is not loopback; without MicrosoftAppId requests are not authenticated, so the app only listens on 127.0.0.1`);
  }
  if (e.RETENTION_DELETE_DAYS <= e.RETENTION_HIDE_DAYS) problems.push('RETENTION_DELETE_DAYS: must be longer than RETENTION_HIDE_DAYS');
  let backup: BackupConfig | null = null;
  try {
    backup = loadBackupConfig(env);
  } catch (error) {
    if (!(error instanceof BackupConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const host = mode === 'local' ? '127.0.0.1' : (e.HOST ?? '0.0.0.0');
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? null)?.replace(/\/+$/, '') ?? null;
  return {
    mode,
    appId: e.MicrosoftAppId ?? null,
    appPassword: e.MicrosoftAppPassword ?? null,
    appTenantId: e.MicrosoftAppTenantId ?? null,
    appType: e.MicrosoftAppType,
    host,
    port: e.PORT,
    dbPath: e.DB_PATH,
    allowedTenantIds: e.ALLOWED_TENANT_IDS.map((id) => id.toLowerCase()),
    participantTenantsAllowed: e.ALLOW_PARTICIPANT_TENANTS === 'yes',
    allowedTeamIds: e.ALLOWED_TEAM_IDS,
    publicBaseUrl,
    defaultLanguage: e.DEFAULT_LOCALE,
    demoAuthorityId: mode === 'local' ? e.DEMO_AUTHORITY_ID : null,
    loadDemoData: mode === 'local' && e.DEMO_DATA === 'auto',
    retention: { hideAfterDays: e.RETENTION_HIDE_DAYS, deleteAfterDays: e.RETENTION_DELETE_DAYS },
    inspectionReminders: { daysBefore: e.CJI_REMINDER_DAYS_BEFORE, reportDueDays: e.CJI_REPORT_DUE_DAYS },
    alertAnswerDays: { urgent: e.ALERT_ANSWER_DAYS_URGENT, priority: e.ALERT_ANSWER_DAYS_PRIORITY },
    ssoJwksUrl: e.SSO_JWKS_URL ?? null,
    botOpenIdMetadataUrl: e.BOT_OPENID_METADATA_URL ?? null,
    ssoIssuerBase: e.SSO_ISSUER_BASE?.replace(/\/+$/, '') ?? null,
    outboxSendTimeoutMs: e.OUTBOX_SEND_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN ?? null,
    backup: backup!,
    ssoAudience: e.TAB_SSO_AUDIENCE ?? (e.MicrosoftAppId && publicBaseUrl ? `api://${new URL(publicBaseUrl).host}/${e.MicrosoftAppId}` : null),
  };
}

/** For entry points: the configuration, or every problem printed and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
