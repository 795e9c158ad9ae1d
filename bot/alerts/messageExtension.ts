import { CardFactory, type MessagingExtensionResult, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';
import { detectIdentifier } from '../../src/companies/identifiers';
import { searchCompanies } from '../../src/companies/companyMatching';
import { viewCompanyDossier } from '../../src/companies/companyDossier';
import { SUMMARY_MAX_LENGTH } from '../../src/alerts/vocabulary';
import { normaliseMessageText } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { identityNotice } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import { alertFormCard, prefilledValues } from './alertForm';
import { dossierCard } from './alertViews';
import { submitAlert } from './alertHandlers';
import { newFormId } from '../cards/formId';

export const SEARCH_COMMAND = 'searchCompanies';
export const REPORT_COMMAND = 'reportAlert';
const MAX_RESULTS = 10;

/**
 * A company name, as typed by whoever reported it, made safe as the title of a search result's
 * thumbnail card. Microsoft documents that hero and thumbnail cards format their `text` only, with
 * HTML and no markdown, and not their title ("Format cards in Microsoft Teams"); but its card
 * reference types that title "Rich text", so a client reading it as HTML is not ruled out, and a
 * name "<a href=...>" or "&lt;" would then be a link or a different character. A word joiner
 * (U+2060, invisible) after every "<" and "&" leaves an HTML parser no tag, comment or entity to
 * find (followed by it, both are plain text to the HTML tokenizer) and shows the name unchanged
 * when the title is plain, as documented; escaping ("&lt;") would show there as typed entities.
 */
export function inertTitle(name: string): string {
  return name.replace(/[<&]/g, '$&\u2060');
}

/** Compose-box search: companies by identifier or name; choosing one inserts its dossier card. */
export async function onCompanySearch(context: TurnContext, deps: BotDeps, queryText: string): Promise<MessagingExtensionResult> {
  const { t } = turnInfo(context);
  const text = normaliseMessageText(queryText).slice(0, 100);
  const matches = text ? searchCompanies(deps.db, text, detectIdentifier(text), MAX_RESULTS) : [];
  if (matches.length === 0) return { type: 'message', text: t('alerts.extension.noResults') };
  return {
    type: 'result',
    attachmentLayout: 'list',
    attachments: matches.map((match) => {
      const title = inertTitle(match.name);
      const preview = CardFactory.thumbnailCard(title, match.country ?? '', undefined, undefined, {
        tap: { type: 'invoke', title, value: { companyId: match.companyId } },
      });
      return { ...preview, preview };
    }),
  };
}

/** The chosen search result: the dossier card, generated (and audited) only now. */
export async function onCompanySelected(context: TurnContext, deps: BotDeps, item: { companyId?: unknown }): Promise<MessagingExtensionResult> {
  const { t, language, member, correlationId } = actingTurn(context);
  const dossier = viewCompanyDossier(deps.db, deps.clock, member, Number(item.companyId), correlationId);
  if (!dossier) return { type: 'message', text: t('alerts.extension.noResults') };
  return { type: 'result', attachmentLayout: 'list', attachments: [CardFactory.adaptiveCard(dossierCard(t, language, dossier, identityNotice(context)))] };
}

function dialog(title: string, card: ReturnType<typeof alertFormCard>): TaskModuleTaskInfo {
  return { title, card: CardFactory.adaptiveCard(card), width: 'large', height: 'large' };
}

/** "Report as fraud alert" on a message: the alert form in a dialog, summary from the message. */
export async function onReportFetchTask(context: TurnContext): Promise<TaskModuleTaskInfo> {
  const { t, language } = turnInfo(context);
  const payload = (context.activity.value ?? {}) as { messagePayload?: { body?: { content?: unknown } } };
  const content = payload.messagePayload?.body?.content;
  // The message the user picked, when Teams sent it as text; otherwise the form starts empty.
  const summary = normaliseMessageText(typeof content === 'string' ? content : '').slice(0, SUMMARY_MAX_LENGTH);
  const card = alertFormCard(t, language, { formId: newFormId(), values: prefilledValues({ summary }), mode: 'dialog', notice: identityNotice(context) });
  return dialog(t('alerts.extension.reportTitle'), card);
}

export async function onReportSubmit(context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<TaskModuleTaskInfo | string> {
  const { t } = turnInfo(context);
  const outcome = await submitAlert(context, deps, data, 'dialog');
  if (outcome.kind === 'form') return dialog(t('alerts.extension.reportTitle'), outcome.card);
  const alert = outcome.result.kind === 'possible_duplicate' ? null : outcome.result.alert;
  return alert ? t('alerts.posted.title', { ref: alert.ref }) : t('alerts.extension.reportTitle');
}
