import type { AuthorityDraft } from '../../src/membership/participantInput';
import { createApiCaller, type TokenSource } from './api';

/** A member state as GET /api/member-states gives it: its name in the reader's language, its authorities. */
export interface MemberStateEntry {
  code: string;
  name: string;
  joinedYear: number;
  active: boolean;
  authorities: Array<{ id: string; shortName: string; name: string; type: string; active: boolean; emailDomains: string[] }>;
}

/** What the form sends, as typed: the domain's draft of an authority (lists one per line or separated by commas). */
export type StateFormValues = AuthorityDraft;

export interface MembershipResult {
  kind: 'admitted' | 'added' | 'alreadyDone';
  country: string;
  authorityId: string;
}

export interface StatesApi {
  list(): Promise<{ states: MemberStateEntry[] }>;
  admit(form: StateFormValues & { formId: string }): Promise<MembershipResult>;
  addAuthority(country: string, form: StateFormValues & { formId: string }): Promise<MembershipResult>;
  deactivateState(code: string): Promise<{ country: string; authorities: string[] }>;
  reactivateState(code: string): Promise<{ country: string; authorities: string[] }>;
  deactivateAuthority(id: string): Promise<{ authorityId: string; country: string }>;
  reactivateAuthority(id: string): Promise<{ authorityId: string; country: string }>;
}

/** The open process's calls, each with the Teams SSO token like every other call of the tab. */
export function createStatesApi(token: TokenSource, language: string): StatesApi {
  const { call: send } = createApiCaller(token, language);
  const call = <T>(path: string, body?: unknown): Promise<T> => send<T>(path, { method: body === undefined ? 'GET' : 'POST', body });
  const part = (value: string) => encodeURIComponent(value);
  return {
    list: () => call('/api/member-states'),
    admit: (form) => call('/api/member-states', form),
    addAuthority: (country, form) => call(`/api/member-states/${part(country)}/authorities`, form),
    deactivateState: (code) => call(`/api/member-states/${part(code)}/deactivate`, {}),
    reactivateState: (code) => call(`/api/member-states/${part(code)}/reactivate`, {}),
    deactivateAuthority: (id) => call(`/api/authorities/${part(id)}/deactivate`, {}),
    reactivateAuthority: (id) => call(`/api/authorities/${part(id)}/reactivate`, {}),
  };
}
