import type { TurnContext } from 'botbuilder';
import { isDomainError, type DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import { foldText } from '../../src/plans/actionQueries';
import { isCoordinator } from '../../src/plans/actionAccess';
import { planErrorText } from '../../src/plans/planErrors';
import { countryName } from '../../src/reference/countries';
import { validateAuthorityDraft } from '../../src/membership/participantInput';
import { addAuthority, admitMemberState, deactivateAuthority, deactivateMemberState, listParticipation, reactivateAuthority, reactivateMemberState } from '../../src/membership/membershipChanges';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { CardReply } from '../feature';
import { newFormId } from '../cards/formId';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn } from '../turn';
import { EMPTY_STATE_FORM, joinableCountries, readStateSubmission, stateFormCard, stateListCard, type StateFormKind, type StateFormValues } from './stateCards';

/** A keyword in the reader's language or in English (`/state BE désactiver`, `/state BE deactivate`). */
function isWord(language: Language, typed: string | undefined, word: 'new' | 'list' | 'deactivate' | 'reactivate'): boolean {
  if (!typed) return false;
  const folded = foldText(typed);
  const languages = language === 'en' ? [translator('en')] : [translator(language), translator('en')];
  const key = word === 'reactivate' ? 'stateAdmin.words.reactivate' : `states.words.${word}`;
  return languages.some((t) => t(key).split(',').some((candidate) => foldText(candidate.trim()) === folded));
}

/** The usage of /state and /authority: the first commands and their reactivation. */
function usage(t: Translate): string {
  return `${t('states.usage')} ${t('stateAdmin.usage')}`;
}

/** Runs a membership change, then answers with the member states as they now are, or the refusal. */
async function applyChange(context: TurnContext, deps: BotDeps, run: () => string): Promise<void> {
  const { t, language } = actingTurn(context);
  try {
    const message = run();
    // The change's domain event (and a plan agreed by a state's leaving) is posted to the channel.
    deps.notify();
    await replyWithCard(context, stateListCard(t, language, listParticipation(deps.db), { message }));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await context.sendActivity(error.details.map((detail) => planErrorText(t, language, detail)).join(' '));
  }
}

function countriesFor(deps: BotDeps, kind: StateFormKind): string[] {
  const states = listParticipation(deps.db);
  return kind === 'state' ? joinableCountries(states) : states.filter((state) => state.active).map((state) => state.code);
}

function formCard(context: TurnContext, deps: BotDeps, kind: StateFormKind, formId: string, values: StateFormValues, errors?: DomainErrorDetail[]) {
  const { t, language } = actingTurn(context);
  return stateFormCard(t, language, { kind, formId, values, errors, countries: countriesFor(deps, kind), notice: identityNotice(context) });
}

async function showForm(context: TurnContext, deps: BotDeps, kind: StateFormKind, country = ''): Promise<void> {
  const { t, member } = actingTurn(context);
  // Told before the form, not after it is filled in.
  if (!isCoordinator(member)) {
    await context.sendActivity(t('states.coordinatorsOnlyForm'));
    return;
  }
  const preset = country && countriesFor(deps, kind).includes(country) ? country : '';
  await replyWithCard(context, formCard(context, deps, kind, newFormId(), { ...EMPTY_STATE_FORM, country: preset }));
}

/** `/state`: the member states; `/state new`: the form; `/state BE deactivate`: removes BE. */
export async function stateCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  const [first, second] = command.args;
  if (command.args.length === 0 || (command.args.length === 1 && isWord(language, first, 'list'))) {
    await replyWithCard(context, stateListCard(t, language, listParticipation(deps.db), { notice: identityNotice(context) }));
    return;
  }
  if (command.args.length === 1 && isWord(language, first, 'new')) {
    await showForm(context, deps, 'state');
    return;
  }
  if (command.args.length === 2 && /^[a-z]{2}$/i.test(first) && isWord(language, second, 'deactivate')) {
    await applyChange(context, deps, () => {
      const result = deactivateMemberState(deps.db, deps.clock, member, first, { correlationId });
      return t('states.deactivated', { country: countryName(result.country, language), authorities: result.authorities.join(', ') });
    });
    return;
  }
  if (command.args.length === 2 && /^[a-z]{2}$/i.test(first) && isWord(language, second, 'reactivate')) {
    await applyChange(context, deps, () => {
      const result = reactivateMemberState(deps.db, deps.clock, member, first, { correlationId });
      return t('stateAdmin.reactivated', { country: countryName(result.country, language), authorities: result.authorities.join(', ') });
    });
    return;
  }
  await context.sendActivity(usage(t));
}

/** An authority's id as typed: `BE-ONSS`, any case. */
const AUTHORITY_ID = /^[a-z]{2}-[a-z0-9]{1,30}$/i;

/**
 * `/authority new [BE]`: the form to add an authority to a state already in the cooperation;
 * `/authority BE-ONSS deactivate` and `/authority BE-ONSS reactivate`: one authority of a state that stays.
 */
export async function authorityCommand(context: TurnContext, command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  const [first, second] = command.args;
  if (command.args.length >= 1 && command.args.length <= 2 && isWord(language, first, 'new') && (second === undefined || /^[a-z]{2}$/i.test(second))) {
    await showForm(context, deps, 'authority', second?.toUpperCase() ?? '');
    return;
  }
  const countryOf = (country: string) => countryName(country, language);
  if (command.args.length === 2 && AUTHORITY_ID.test(first) && isWord(language, second, 'deactivate')) {
    await applyChange(context, deps, () => {
      const result = deactivateAuthority(deps.db, deps.clock, member, first, { correlationId });
      return t('stateAdmin.authorityDeactivated', { authority: result.authorityId, country: countryOf(result.country) });
    });
    return;
  }
  if (command.args.length === 2 && AUTHORITY_ID.test(first) && isWord(language, second, 'reactivate')) {
    await applyChange(context, deps, () => {
      const result = reactivateAuthority(deps.db, deps.clock, member, first, { correlationId });
      return t('stateAdmin.authorityReactivated', { authority: result.authorityId, country: countryOf(result.country) });
    });
    return;
  }
  await context.sendActivity(usage(t));
}

/** The form's submission: back with every message and typed value, or the member states as they now are. */
function onSubmit(kind: StateFormKind) {
  return async (context: TurnContext, deps: BotDeps, data: Record<string, unknown>): Promise<CardReply> => {
    const { t, language, member, correlationId } = actingTurn(context);
    const { formId, values, draft } = readStateSubmission(data);
    const again = (errors: DomainErrorDetail[]) => ({ card: formCard(context, deps, kind, formId ?? newFormId(), values, errors), updateForAll: false });
    if (!formId) return again([{ key: 'plan.errors.formExpired' }]);
    const checked = validateAuthorityDraft(draft);
    if (!checked.ok) return again(checked.errors);
    try {
      const change = kind === 'state' ? admitMemberState : addAuthority;
      const result = change(deps.db, deps.clock, member, checked.input, { formId, correlationId });
      // The state's joining (or the authority's) is posted to the channel once committed.
      deps.notify();
      const vars = { country: countryName(result.country, language), authority: result.authorityId };
      const message = t(result.kind === 'alreadyDone' ? 'states.alreadyDone' : result.kind === 'admitted' ? 'states.admitted' : 'states.added', vars);
      return { card: stateListCard(t, language, listParticipation(deps.db), { message, notice: identityNotice(context) }), updateForAll: false };
    } catch (error) {
      if (isDomainError(error)) return again(error.details);
      throw error;
    }
  };
}

export const onStateCreate = onSubmit('state');
export const onAuthorityCreate = onSubmit('authority');
