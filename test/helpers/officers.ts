import { personalMessage } from './activities';
import type { TestApp } from './testApp';

/** Someone of an authority, with the name Teams gives them (what a mention shows). */
export interface Officer {
  id: string;
  aadObjectId: string;
  email: string;
  name: string;
}

let serial = 0;

/** A new officer of the authority the e-mail domain maps to; ids are unique across test files. */
export function officer(name: string, domain: string): Officer {
  serial += 1;
  const n = String(serial).padStart(12, '0');
  return { id: `29:1officer-${n}`, aadObjectId: `0a4d2f1e-2222-4a6b-9c0d-${n}`, email: `officer${n}@${domain}`, name };
}

export const fromOfficer = (person: Officer) => ({ from: { id: person.id, aadObjectId: person.aadObjectId, name: person.name } });

/** The officers as the connector's roster lists them (their e-mail maps them to their authority). */
export function know(t: TestApp, ...people: Officer[]): void {
  for (const person of people) t.connector.addMember({ id: person.id, aadObjectId: person.aadObjectId, email: person.email, userPrincipalName: person.email, name: person.name });
}

/** People become known to the app (and mentionable) when they first use it. */
export async function useTheApp(t: TestApp, ...people: Officer[]): Promise<void> {
  for (const person of people) await t.post(personalMessage('/help', fromOfficer(person)));
}
