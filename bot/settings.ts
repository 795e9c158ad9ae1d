import type { Language } from '../src/i18n/languages';

export type Mode = 'local' | 'production';

/**
 * The settings the Teams adapter reads. The composition root's configuration (server/config.ts)
 * has these and the process's own (address, store file, the tab's SSO).
 */
export interface BotSettings {
  mode: Mode;
  appId: string | null;
  appPassword: string | null;
  appTenantId: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  allowedTenantIds: string[];
  /**
   * ALLOW_PARTICIPANT_TENANTS: a tenant an active authority lists in the store is served too, so
   * that a state coordinators add in the app is served without editing ALLOWED_TENANT_IDS.
   */
  participantTenantsAllowed: boolean;
  allowedTeamIds: string[];
  /** Where Teams reaches the app; filled with the listening address in local mode once it listens. */
  publicBaseUrl: string | null;
  defaultLanguage: Language;
  demoAuthorityId: string | null;
  /** Days after closure before an alert's personal data is hidden, and before it is deleted. */
  retention: { hideAfterDays: number; deleteAfterDays: number };
  /** Days before an inspection's start for the channel reminder, and after its end for "report due". */
  inspectionReminders: { daysBefore: number; reportDueDays: number };
  /** Working days of the reporting state within which an urgent or priority alert asks for answers. */
  alertAnswerDays: { urgent: number; priority: number };
  /** Where botbuilder reads the Bot Connector's signing keys; null: the public cloud's. */
  botOpenIdMetadataUrl: string | null;
  /** How long a channel post may go unanswered by the Bot Connector before it is retried. */
  outboxSendTimeoutMs: number;
}
