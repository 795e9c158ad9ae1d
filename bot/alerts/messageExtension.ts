import { CardFactory, type MessagingExtensionResult, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';
import { searchEverything, SEARCH_MAX_LENGTH, type SearchHit } from '../../src/search/searchEverything';
import { SUMMARY_MAX_LENGTH } from '../../src/alerts/vocabulary';
import { normaliseMessageText } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import { identityNotice } from '../reply';
import { turnInfo, actingTurn } from '../turn';
import type { AdaptiveCard } from '../cards/renderCard';
import { hitHeading, hitLine } from '../search/searchViews';
import { onShowInspection } from '../inspections/lifecycleHandlers';
import { onActionShow } from '../plans/actionHandlers';
import { alertFormCard, prefilledValues } from './alertForm';
import { onAlertShow, onCompanyDossier, submitAlert } from './alertHandlers';
import { refusalForNonParticipant } from './participantsOnly';
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

/** What a search result's tap sends back: its kind and reference (a company by its id). */
function tapValue(hit: SearchHit): Record<string, string | number> {
  return hit.kind === 'company' ? { kind: 'company', companyId: Number(hit.key) } : { kind: hit.kind, ref: hit.key };
}

/**
 * Compose-box search, the same as `/search`: companies, alerts, inspections and plan actions,
 * newest first, each a preview line; choosing one inserts its card. Need-to-know is the query's.
 */
export async function onEverythingSearch(context: TurnContext, deps: BotDeps, queryText: string): Promise<MessagingExtensionResult> {
  const { t, language, member, correlationId } = actingTurn(context);
  const text = normaliseMessageText(queryText).slice(0, SEARCH_MAX_LENGTH);
  const page = searchEverything(deps.db, deps.clock, member, { text, limit: MAX_RESULTS, correlationId });
  if (page.items.length === 0) return { type: 'message', text: t('alerts.extension.noResults') };
  return {
    type: 'result',
    attachmentLayout: 'list',
    attachments: page.items.map((hit) => {
      const title = inertTitle(hitHeading(hit));
      const preview = CardFactory.thumbnailCard(title, hitLine(t, language, hit), undefined, undefined, {
        tap: { type: 'invoke', title, value: tapValue(hit) },
      });
      return { ...preview, preview };
    }),
  };
}

/** The card of a chosen result, drawn (and for a dossier, audited) only now. */
async function chosenCard(context: TurnContext, deps: BotDeps, item: { kind?: unknown; companyId?: unknown; ref?: unknown }): Promise<AdaptiveCard | string> {
  const kind = item.kind ?? 'company';
  const ref = { ref: String(item.ref ?? '').slice(0, 40) };
  if (kind === 'company' || kind === 'alert') {
    const refusal = refusalForNonParticipant(context);
    if (refusal) return refusal;
    return kind === 'company' ? onCompanyDossier(context, deps, { companyId: item.companyId }) : onAlertShow(context, deps, ref);
  }
  if (kind === 'inspection') return onShowInspection(context, deps, ref);
  if (kind === 'action') return onActionShow(context, deps, ref);
  return turnInfo(context).t('alerts.extension.noResults');
}

/** The chosen search result: its card, or why there is none, in the reader's language. */
export async function onResultSelected(context: TurnContext, deps: BotDeps, item: { kind?: unknown; companyId?: unknown; ref?: unknown }): Promise<MessagingExtensionResult> {
  const card = await chosenCard(context, deps, item);
  if (typeof card === 'string') return { type: 'message', text: card };
  return { type: 'result', attachmentLayout: 'list', attachments: [CardFactory.adaptiveCard(card)] };
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
