import alertsFile from './demo-alerts.json';
import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { findMappedMember, type Member } from '../identity/members';
import { illustrativeUser } from './illustrativeCycle';
import { validateAlertDraft, type AlertDraft } from '../alerts/alertInput';
import { createAlert } from '../alerts/createAlert';
import { respondToAlert } from '../alerts/respondToAlert';
import { editAlert, withdrawAlert, type AlertEditDraft } from '../alerts/editAlert';
import type { AnswerDays } from '../alerts/answerDeadlines';
import { getAlert } from '../alerts/alertQueries';

const DAY_MS = 86_400_000;

/** When something of the demo's history happened: `daysAgo` days before the load, at `hour` UTC. */
interface When {
  daysAgo: number;
  hour: number;
}

/** One demo alert as demo-alerts.json writes it: posted, answered, then corrected or withdrawn. */
interface DemoAlert extends When {
  /** The authority whose illustrative participant posts it. */
  by: string;
  formId: string;
  draft: AlertDraft;
  answers?: Array<When & { by: string; answer: string; note?: string }>;
  /** The fields corrected; the others stay as the alert has them then. */
  edit?: When & { by: string } & Partial<AlertEditDraft>;
  withdraw?: When & { by: string; reason: string };
}

interface DemoAlertsFile {
  alerts: DemoAlert[];
}

export type DemoAlertsLoad = { posted: number; answered: number; edited: number; withdrawn: number };

/** A clock standing at that moment of the demo's history, so each step is dated as it happened. */
function at(clock: Clock, when: When): Clock {
  const moment = new Date(clock.now().getTime() - when.daysAgo * DAY_MS);
  moment.setUTCHours(when.hour, 0, 0, 0);
  return { now: () => new Date(moment) };
}

function companyId(db: Db, name: string | undefined): number {
  const row = sql(db, 'SELECT id FROM companies WHERE name = ?').get(name ?? '') as { id: number } | undefined;
  if (!row) throw new Error(`demo-alerts.json: no demo company ${name}`);
  return row.id;
}

/**
 * The demo alerts, made by the same commands a user's clicks call, so their cards, history, audit
 * entries and answer deadlines are what the app itself writes: the local user (a coordinator of
 * the demo authority, PT-ACT by default) finds one corrected after an answer waiting for their
 * answer in /mine, one of their own to correct or withdraw in Teams and the tab, and one withdrawn.
 * Runs after the rest of the demo, on a store that was empty; the commands commit in groups, hence
 * async.
 */
export async function loadDemoAlerts(db: Db, clock: Clock, answerDays?: AnswerDays): Promise<DemoAlertsLoad> {
  const file = alertsFile as DemoAlertsFile;
  // The illustrative participants of the rest of the demo: no real account, never mentioned
  // (Teams never gave them a name), no mapping of theirs audited.
  const memberOf = (authority: string): Member => {
    illustrativeUser(db, authority, clock.now().toISOString()); // made once, found after
    const member = findMappedMember(db, `illustrative:${authority}`);
    if (!member) throw new Error(`demo-alerts.json: no authority ${authority}`);
    return member;
  };
  const load: DemoAlertsLoad = { posted: 0, answered: 0, edited: 0, withdrawn: 0 };
  for (const [index, demo] of file.alerts.entries()) {
    const checked = validateAlertDraft(demo.draft);
    if (!checked.ok) throw new Error(`demo-alerts.json: alert ${index + 1}: ${checked.errors.map((error) => `${error.field}: ${error.key}`).join(', ')}`);
    const created = await createAlert(db, at(clock, demo), memberOf(demo.by), checked.input, {
      formId: demo.formId,
      companyChoice: { kind: 'existing', companyId: companyId(db, demo.draft.companyName) },
      answerDays,
    });
    if (created.kind !== 'created') throw new Error(`demo-alerts.json: alert ${index + 1}: ${created.kind}`);
    const ref = created.alert.ref;
    load.posted += 1;
    for (const answer of demo.answers ?? []) {
      await respondToAlert(db, at(clock, answer), memberOf(answer.by), { ref, answer: answer.answer, note: answer.note ?? null });
      load.answered += 1;
    }
    if (demo.edit) {
      // Made on the alert as it is then (answered since it was posted, perhaps).
      const alert = getAlert(db, ref)!;
      const { by, daysAgo, hour, ...fields } = demo.edit;
      const draft: AlertEditDraft = {
        summary: alert.summary ?? '',
        identifiers: alert.company.identifiers,
        fraudTypes: alert.fraudTypes,
        countriesConcerned: alert.countriesConcerned,
        urgency: alert.urgency,
        ...fields,
      };
      await editAlert(db, at(clock, { daysAgo, hour }), memberOf(by), { ref, expectedVersion: alert.version, draft, answerDays });
      load.edited += 1;
    }
    if (demo.withdraw) {
      const { by, reason } = demo.withdraw;
      await withdrawAlert(db, at(clock, demo.withdraw), memberOf(by), { ref, expectedVersion: getAlert(db, ref)!.version, reason });
      load.withdrawn += 1;
    }
  }
  return load;
}
