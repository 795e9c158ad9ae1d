import { priorityLabel } from '../../src/plans/priorities';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import type { ActionDetail, ActionFilter, TimelineEntry } from '../../src/plans/actionQueries';
import type { ActionSummary } from '../../src/plans/actionRows';
import { bilateralPair } from '../../src/plans/actionRows';
import { actionWhen } from '../../src/plans/actionWhen';
import { pairLabel } from '../../src/plans/assessmentCsv';
import type { StatusChange } from '../../src/plans/updateActionStatus';
import type { ActionStatus } from '../../src/plans/vocabulary';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { pagingFields } from '../cards/paging';
import { writtenInMark } from '../cards/readerViews';

export type CardColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';

/** Colour only repeats what the status name says. */
export const STATUS_COLOR: Record<ActionStatus, CardColor> = {
  planned: 'Default',
  initiated: 'Accent',
  implemented: 'Good',
  postponed: 'Warning',
  cancelled: 'Attention',
};

const TIMELINE_ON_CARD = 6;
const DESCRIPTION_ON_CARD = 600;

export const ACTIONS_PAGE_SIZE = 8;

function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function leadText(language: Language, action: Pick<ActionSummary, 'leadAuthority' | 'leadState'>): string {
  if (action.leadAuthority) return `${action.leadAuthority.shortName} (${action.leadState ?? 'EU'})`;
  return action.leadState ? countryName(action.leadState, language) : '—';
}

export function scopeText(t: Translate, language: Language, action: Pick<ActionSummary, 'scope' | 'states'>): string {
  const pair = bilateralPair(action);
  return pair ? `${t('plan.scope.bilateral')} (${pairLabel(pair, language)})` : t(`plan.scope.${action.scope}`);
}

/** "Mérida (ES)", or the country's name when only the country is known. */
export function placeText(place: { city: string | null; region?: string | null; country: string }, language: Language): string {
  const name = place.city ?? place.region ?? null;
  return name ? `${name} (${place.country})` : countryName(place.country, language);
}

function whoText(t: Translate, entry: TimelineEntry): string {
  const authority = entry.by.authority ? `${entry.by.authority.shortName} (${entry.by.authority.memberState ?? 'EU'})` : t('app.name');
  return entry.by.name ? `${entry.by.name}, ${authority}` : authority;
}

function changeText(t: Translate, action: ActionDetail, entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'created':
      return t('plan.timeline.created');
    case 'status':
      return t('plan.timeline.status', { from: t(`plan.status.${entry.statusFrom}`), to: t(`plan.status.${entry.statusTo}`) });
    case 'carried_over':
      return t('plan.timeline.carriedOver', { ref: action.originRef ?? '—', status: t(`plan.status.${entry.statusFrom}`) });
    default:
      return '';
  }
}

function facts(t: Translate, language: Language, action: ActionDetail): Array<{ title: string; value: string }> {
  const when = actionWhen(action, language);
  const list = [
    { title: t('plan.card.type'), value: t(`plan.type.${action.type}`) },
    { title: t('plan.card.scope'), value: scopeText(t, language, action) },
    { title: t('plan.card.lead'), value: leadText(language, action) },
    { title: t('plan.card.states'), value: action.states.map((code) => countryName(code, language)).join(', ') },
    { title: t('plan.card.when'), value: when ?? '' },
    { title: t('plan.card.places'), value: action.places.map((place) => placeText(place, language)).join(', ') },
    { title: t('plan.card.sectors'), value: action.sectors.map((code) => `${code} – ${naceLabel(code, language)}`).join('; ') },
    { title: t('plan.card.topics'), value: action.topics.map((topic) => t(`plan.topic.${topic}`)).join(', ') },
    { title: t('plan.card.funding'), value: action.funding.map((source) => t(`plan.funding.${source}`)).join(', ') },
    { title: t('priorities.cardFact'), value: (action.priorities ?? []).map((priority) => priorityLabel(t, language, priority)).join('; ') },
    { title: t('plan.card.reason'), value: action.statusReason ?? '' },
    { title: t('plan.card.origin'), value: action.originRef ?? '' },
    { title: t('plan.card.carriedTo'), value: action.carriedToRef ?? '' },
  ];
  return list.filter((fact) => fact.value !== '');
}

export interface ActionCardOptions {
  notice?: string | null;
  message?: string | null;
  messageColor?: CardColor;
  /** What the form shows again after a refused update: the typed note and the chosen status. */
  values?: { status?: string; note?: string };
  errors?: { status?: string; note?: string };
  boardUrl?: string | null;
}

/** An action with its timeline and the update form (status + note), carrying the version it shows. */
export function actionCard(t: Translate, language: Language, action: ActionDetail, options: ActionCardOptions = {}): AdaptiveCard {
  const shown = action.timeline.slice(0, TIMELINE_ON_CARD);
  const older = action.timeline.length - shown.length;
  const statusChoices = [
    { title: t('plan.card.keepStatus', { status: t(`plan.status.${action.status}`) }), value: action.status },
    ...action.allowedNext.map((status) => ({ title: t(`plan.status.${status}`), value: status })),
  ];
  return renderCard('actionCard', {
    notice: options.notice ?? '',
    message: options.message ?? '',
    messageColor: options.messageColor ?? 'Default',
    ref: action.ref,
    version: String(action.version),
    refLine: t('plan.card.refLine', { ref: action.ref, year: action.year }),
    statusLabel: t(`plan.status.${action.status}`),
    statusColor: STATUS_COLOR[action.status],
    title: action.title,
    description: shortened(action.description, DESCRIPTION_ON_CARD),
    facts: facts(t, language, action),
    labels: t('plan.card.labels', { returnObjects: true }) as unknown as Record<string, string>,
    timeline: shown.map((entry) => ({
      heading: `${formatDate(entry.at, language)} · ${whoText(t, entry)}`,
      change: changeText(t, action, entry),
      note: entry.note ?? '',
    })),
    olderLine: older > 0 ? t('plan.card.olderUpdates', { count: older }) : '',
    statusChoices,
    values: { status: options.values?.status ?? action.status, note: options.values?.note ?? '' },
    errors: { status: options.errors?.status ?? '', note: options.errors?.note ?? '' },
    boardUrl: options.boardUrl ?? '',
  }, language);
}

export interface ActionListPage {
  items: ActionSummary[];
  total: number;
  hasMore: boolean;
  offset: number;
  filter: ActionFilter;
}

function describeFilter(t: Translate, language: Language, filter: ActionFilter): string {
  const parts = [
    filter.year ? String(filter.year) : null,
    filter.state ? countryName(filter.state, language) : null,
    filter.pair ? pairLabel(filter.pair, language) : null,
    filter.status ? t(`plan.status.${filter.status}`) : null,
    filter.type ? t(`plan.type.${filter.type}`) : null,
    filter.sector ? `${filter.sector} – ${naceLabel(filter.sector, language)}` : null,
    filter.text ? `"${filter.text}"` : null,
  ].filter(Boolean);
  return parts.length > 0 ? t('plan.list.filters', { filters: parts.join(' · ') }) : t('plan.list.noFilters');
}

export function actionListCard(t: Translate, language: Language, page: ActionListPage, notice: string | null, boardUrl: string | null): AdaptiveCard {
  return renderCard('actionList', {
    notice: notice ?? '',
    title: t('plan.list.title', { count: page.total }),
    filters: describeFilter(t, language, page.filter),
    empty: t('plan.list.empty'),
    openLabel: t('plan.list.open'),
    items: page.items.map((item) => ({
      ref: item.ref,
      heading: `${item.ref} · ${item.title}`,
      status: t(`plan.status.${item.status}`),
      statusColor: STATUS_COLOR[item.status],
      line: [t(`plan.type.${item.type}`), t('plan.list.lead', { lead: leadText(language, item) }), item.states.join(', '), actionWhen(item, language)].filter(Boolean).join(' · '),
    })),
    ...pagingFields(t, 'plan.list', page, ACTIONS_PAGE_SIZE, { pages: Math.max(1, Math.ceil(page.total / ACTIONS_PAGE_SIZE)) }),
    filterJson: JSON.stringify(page.filter),
    openBoardLabel: t('plan.card.labels.openBoard'),
    boardUrl: boardUrl ?? '',
  });
}

/** The channel's line in the plan's story: which action moved, from what to what, who said so. */
export function statusPostCard(t: Translate, language: Language, change: StatusChange, progress: { implemented: number; total: number }, boardUrl: string | null): AdaptiveCard {
  const { action } = change;
  const by = `${change.by.shortName} (${change.by.memberState ?? 'EU'})`;
  return renderCard('actionStatusPost', {
    ref: action.ref,
    heading: t('plan.post.heading', { ref: action.ref, year: action.year }),
    title: action.title,
    fromLabel: t(`plan.status.${change.from}`),
    toLabel: t(`plan.status.${change.to}`),
    toColor: STATUS_COLOR[change.to],
    byLine: t('plan.post.by', { authority: by, date: formatDate(change.at, language) }),
    note: change.note ?? '',
    noteWrittenIn: change.note ? writtenInMark(t, language, change.noteLanguage) : '',
    progress: t('plan.post.progress', { year: action.year, implemented: progress.implemented, count: progress.total }),
    openLabel: t('plan.post.open'),
    boardLabel: t('plan.card.labels.openBoard'),
    boardUrl: boardUrl ?? '',
  });
}
