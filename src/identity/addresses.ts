/**
 * E-mail addresses as the mapping to authorities reads them, strictly: an address that is not
 * exactly one plain mailbox maps to nobody. (The text after the last "@" of `a@evil.com@act.gov.pt`
 * is act.gov.pt: taken loosely, that address would act for ACT.)
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// What a mailbox's local part may hold here: the dot-atom characters, no quoting, no spaces.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const GUEST = '#ext#';

export interface Mailbox {
  local: string;
  /** Lower case, its labels checked. */
  domain: string;
}

/** The mailbox of a plain address (`local@domain`), or null for anything else. */
export function parseMailbox(address: string): Mailbox | null {
  const text = address.trim();
  if (text.length > 254) return null;
  const parts = text.split('@');
  if (parts.length !== 2) return null;
  const [local, rawDomain] = parts;
  const domain = rawDomain.toLowerCase();
  if (!local || local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253 || !labels.every((label) => LABEL.test(label))) return null;
  return { local, domain };
}

/**
 * A B2B guest's user principal name in the host tenant (`maria.silva_act.gov.pt#EXT#@host.onmicrosoft.com`)
 * carries their home address, its "@" written as the last "_" before "#EXT#". Null for any other name.
 */
export function guestHomeAddress(userPrincipalName: string): string | null {
  const mailbox = parseMailbox(userPrincipalName);
  if (!mailbox || !mailbox.local.toLowerCase().endsWith(GUEST)) return null;
  const encoded = mailbox.local.slice(0, -GUEST.length);
  const at = encoded.lastIndexOf('_');
  if (at <= 0) return null;
  const home = `${encoded.slice(0, at)}@${encoded.slice(at + 1)}`;
  return parseMailbox(home) ? home : null;
}

/** The address to map a person by: their home address when the name is a guest's, else the address itself if it is one. */
export function mappingAddress(address: string): Mailbox | null {
  const home = guestHomeAddress(address);
  return parseMailbox(home ?? address);
}
