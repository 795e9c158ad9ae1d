import type { ConnectorStub } from './connectorStub';

/** Test members of four authorities, as the Bot Connector reports them (e-mail domain -> authority). */
export const PEOPLE = {
  ptInspector: { id: '29:1pt-act-inspector-0001', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000001', email: 'inspector.pt@act.gov.pt', authority: 'PT-ACT' },
  esInspector: { id: '29:1es-itss-inspector-0002', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000002', email: 'inspector.es@mites.gob.es', authority: 'ES-ITSS' },
  frInspector: { id: '29:1fr-urssaf-inspector-0004', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000004', email: 'inspector.fr@urssaf.fr', authority: 'FR-URSSAF' },
  itInspector: { id: '29:1it-inl-inspector-0005', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000005', email: 'inspector.it@ispettorato.gov.it', authority: 'IT-INL' },
} as const;

export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

export function registerPeople(connector: ConnectorStub): void {
  for (const person of Object.values(PEOPLE)) {
    connector.addMember({ id: person.id, aadObjectId: person.aadObjectId, email: person.email, userPrincipalName: person.email, name: person.authority });
  }
}

/** The `from` of an activity sent by this person. */
export function from(person: Person) {
  return { from: { id: person.id, aadObjectId: person.aadObjectId, name: person.authority } };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso).getTime();
    },
    advanceDays: (days: number) => {
      now += days * 86_400_000;
    },
  };
}
