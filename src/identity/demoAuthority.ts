import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { DomainError } from '../errors';
import { listAuthorities, listMemberStates, type Authority } from '../reference/participants';
import { actorOf, type Member } from './members';

/**
 * Local mode only. The playground has a single signed-in user, who acts for a demo authority; an
 * authority does not answer its own alert, so to try the whole flow that user picks another
 * participating authority to act for. The choice is stored with the user, so it survives a restart.
 */

/** The authorities one may act for: the participants of the alert network (not a supporting body such as ELA). */
export function demoAuthorityChoices(db: Db): Authority[] {
  return listAuthorities(db).filter((authority) => authority.role === 'participant');
}

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();

/** A country's authority to act for: its labour inspectorate, else its first participant. */
function authorityOfState(choices: Authority[], state: string): Authority | null {
  const ofState = choices.filter((authority) => authority.memberState === state);
  return ofState.find((authority) => authority.type === 'labour_inspectorate') ?? ofState[0] ?? null;
}

/**
 * The authority named by what the user typed: its id (`ES-TGSS`), its short name (`TGSS`), or a
 * member state by code (`ES`) or name in any language (`Spain`, `España`), which means that
 * state's labour inspectorate. Null when nothing, or more than one authority, fits.
 */
export function findDemoAuthority(db: Db, typed: string): Authority | null {
  const query = folded(typed);
  if (!query) return null;
  const choices = demoAuthorityChoices(db);
  const byId = choices.find((authority) => authority.id.toLowerCase() === query);
  if (byId) return byId;
  const byShortName = choices.filter((authority) => authority.shortName.toLowerCase() === query);
  if (byShortName.length === 1) return byShortName[0]!;
  const state = listMemberStates(db).find((s) => s.code.toLowerCase() === query || Object.values(s.names).some((name) => folded(name) === query));
  return state ? authorityOfState(choices, state.code) : null;
}

/**
 * What to suggest typing to answer an alert of `current`: the shortest argument (a country code)
 * that names the labour inspectorate of the first other member state.
 */
export function suggestedDemoAuthority(db: Db, current: Authority): { typed: string; authority: Authority } | null {
  const choices = demoAuthorityChoices(db);
  const other = choices.find((authority) => authority.memberState && authority.memberState !== current.memberState);
  if (!other?.memberState) return null;
  const authority = authorityOfState(choices, other.memberState)!;
  return { typed: other.memberState, authority };
}

export type DemoAuthorityChange = { kind: 'changed'; previous: Authority; authority: Authority } | { kind: 'unchanged'; authority: Authority };

/**
 * Makes a local-mode user without a mapping act for another participating authority, audited.
 * A mapped user acts for the authority of their e-mail address and cannot switch.
 */
export function chooseDemoAuthority(db: Db, clock: Clock, member: Member, typed: string, correlationId?: string): DemoAuthorityChange {
  if (!member.viaDemo) {
    throw new DomainError({ key: 'identity.demo.mappedUser', vars: { authority: member.authority.shortName, state: member.authority.memberState ?? 'EU' } });
  }
  const authority = findDemoAuthority(db, typed);
  if (!authority) throw new DomainError({ key: 'identity.demo.unknownAuthority', vars: { text: typed.slice(0, 80) } });
  if (authority.id === member.authority.id) return { kind: 'unchanged', authority };
  const previous = member.authority;
  db.transaction(() => {
    sql(db, 'UPDATE users SET demo_authority_id = ? WHERE id = ?').run(authority.id, member.userId);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'user.demo_authority_chosen',
      subjectType: 'authority',
      subjectRef: authority.id,
      details: { previous: previous.id },
      correlationId,
    });
  }).immediate();
  return { kind: 'changed', previous, authority };
}
