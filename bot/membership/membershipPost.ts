import type { Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import type { EventPosts } from '../notifier';
import { sql } from '../../src/store/database';
import { countryName } from '../../src/reference/countries';
import { authorityName } from '../../src/reference/authorityNames';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import type { BotDeps } from '../deps';

/** The channel card's kind: a state that joins, leaves or comes back, or one authority of a state. */
export const MEMBERSHIP_POST = 'membership';

type Subject = { kind: 'state' | 'authority'; id: string; change: string; at: string };

/**
 * The post's subject: what changed and when (`state|BE|admitted|2026-12-03T10:00:00.000Z`). The
 * time tells one departure from a later one; the card itself is drawn from the store when sent.
 */
function subjectOf(kind: Subject['kind'], id: string, change: string, at: string): string {
  return [kind, id, change, at].join('|');
}

function parseSubject(subject: string): Subject | null {
  const [kind, id, change, at, ...rest] = subject.split('|');
  if (rest.length > 0 || (kind !== 'state' && kind !== 'authority') || !id || !change || !at || Number.isNaN(Date.parse(at))) return null;
  return { kind, id, change, at };
}

export interface MembershipPostAuthority {
  shortName: string;
  names: Record<string, string>;
  type: string;
  active: boolean;
}

/** What the post tells, read from the store when it is sent. */
export interface MembershipPostView {
  kind: 'state' | 'authority';
  change: string;
  country: string;
  at: string;
  /** The authority the post is about (an authority's post), or null (a state's). */
  authority: MembershipPostAuthority | null;
  /** A state's authorities as they are now; an authority's post lists none. */
  authorities: MembershipPostAuthority[];
  emailDomains: string[];
}

const TITLES: Record<string, string> = {
  'state:admitted': 'stateAdmin.post.admittedTitle',
  'state:deactivated': 'stateAdmin.post.deactivatedTitle',
  'state:reactivated': 'stateAdmin.post.reactivatedTitle',
  'authority:added': 'stateAdmin.post.authorityAddedTitle',
  'authority:deactivated': 'stateAdmin.post.authorityDeactivatedTitle',
  'authority:reactivated': 'stateAdmin.post.authorityReactivatedTitle',
};

const STATE_BODIES: Record<string, string> = {
  admitted: 'stateAdmin.post.admittedBody',
  deactivated: 'stateAdmin.post.deactivatedBody',
  reactivated: 'stateAdmin.post.reactivatedBody',
};

/** A state's name from the platform's CLDR data, an authority's in the reader's language when given, else its own. */
export function membershipPostCard(t: Translate, language: Language, view: MembershipPostView): AdaptiveCard {
  const country = countryName(view.country, language);
  const date = formatDate(view.at, language);
  const line = (authority: MembershipPostAuthority) =>
    t(authority.active ? 'stateAdmin.post.authorityLine' : 'stateAdmin.post.authorityLineInactive', { name: authorityName(authority, language), shortName: authority.shortName, type: t(`authorityType.${authority.type}`) });
  const authority = view.authority ? `${authorityName(view.authority, language)} (${view.authority.shortName})` : '';
  return renderCard('membershipPost', {
    title: t(TITLES[`${view.kind}:${view.change}`], { country, authority }),
    body: view.kind === 'state' ? t(STATE_BODIES[view.change], { country, date }) : t('stateAdmin.post.authorityBody', { date }),
    authoritiesHeading: t('stateAdmin.post.authoritiesHeading'),
    authorities: view.authorities.map((item) => ({ line: line(item), active: item.active })),
    domains: view.kind === 'authority' && view.authority && view.emailDomains.length > 0 ? t('stateAdmin.tab.domains', { domains: view.emailDomains.join(', ') }) : '',
  });
}

interface AuthorityRow {
  id: string;
  shortName: string;
  names: string;
  type: string;
  active: number;
  memberState: string;
}

const toPostAuthority = (row: AuthorityRow): MembershipPostAuthority => ({ shortName: row.shortName, names: JSON.parse(row.names) as Record<string, string>, type: row.type, active: row.active === 1 });

/** The post's card as the store has its state or authority now, in the post's or one reader's language. */
export function membershipPostOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const parsed = parseSubject(subject);
  if (!parsed || !TITLES[`${parsed.kind}:${parsed.change}`]) return null;
  const select = 'SELECT id, short_name AS shortName, names_json AS names, type, active, member_state AS memberState FROM authorities';
  let view: MembershipPostView;
  if (parsed.kind === 'state') {
    const state = sql(deps.db, 'SELECT code FROM member_states WHERE code = ?').get(parsed.id) as { code: string } | undefined;
    if (!state) return null;
    const authorities = sql(deps.db, `${select} WHERE member_state = ? ORDER BY active DESC, id`).all(parsed.id) as AuthorityRow[];
    view = { kind: 'state', change: parsed.change, country: state.code, at: parsed.at, authority: null, authorities: authorities.map(toPostAuthority), emailDomains: [] };
  } else {
    const row = sql(deps.db, `${select} WHERE id = ? AND member_state IS NOT NULL`).get(parsed.id) as AuthorityRow | undefined;
    if (!row) return null;
    const domains = (sql(deps.db, 'SELECT domain FROM authority_email_domains WHERE authority_id = ? ORDER BY domain').all(parsed.id) as Array<{ domain: string }>).map((item) => item.domain);
    view = { kind: 'authority', change: parsed.change, country: row.memberState, at: parsed.at, authority: toPostAuthority(row), authorities: [], emailDomains: domains };
  }
  return membershipPostCard(translator(language), language, view);
}

/** Each change of membership is told once in the cooperation channel. */
export const membershipEventPosts: EventPosts = {
  'member_state.changed': ({ ref, change, at }) => {
    const subject = subjectOf('state', ref, change, at);
    return [{ to: 'channel', key: `membership:${subject}`, card: { kind: MEMBERSHIP_POST, subject } }];
  },
  'authority.changed': ({ ref, change, at }) => {
    const subject = subjectOf('authority', ref, change, at);
    return [{ to: 'channel', key: `membership:${subject}`, card: { kind: MEMBERSHIP_POST, subject } }];
  },
};
