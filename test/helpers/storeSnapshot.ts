import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { TestApp } from './testApp';
import { activity } from './activities';
import { PEOPLE, from, type Person } from './people';
import { VALID_ALERT_FORM } from './alertForms';

/**
 * Every row of every table (virtual tables aside: their content is in their shadow tables), each
 * as text, sorted: two stores with equal snapshots hold the same data.
 */
export function snapshotStore(db: Database.Database): Record<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").all() as Array<{ name: string }>;
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
    snapshot[name] = rows.map((row) => JSON.stringify(row, (_key, value) => (value && value.type === 'Buffer' ? Buffer.from(value.data).toString('base64') : value))).sort();
  }
  return snapshot;
}

/** The ids of a table, ascending. */
export const idsOf = (db: Database.Database, table: string): number[] =>
  (db.prepare(`SELECT id FROM "${table}" ORDER BY id`).all() as Array<{ id: number }>).map((row) => row.id);

/**
 * Submits a new alert on a company of its own (identifier 'other', unique per n) through the bot
 * endpoint, as a user presses Submit; the case reference DRILL-<n> finds it in the store.
 */
export async function submitNumberedAlert(t: TestApp, n: number, person: Person = PEOPLE.itInspector): Promise<number> {
  const data = {
    ...VALID_ALERT_FORM,
    formId: randomUUID(),
    companyName: `Drill ${n} Logistica (fictional)`,
    identifierType0: 'other',
    identifierCountry0: 'DE',
    identifierValue0: `DRILL${n}`,
    caseReference: `DRILL-${n}`,
    companyChoice: 'new',
  };
  const { status } = await t.post(activity('invoke.cardAction.personal', { ...from(person), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data } } }));
  return status;
}
