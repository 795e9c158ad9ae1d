import { newFormId } from '../../bot/cards/formId';
import { startTestApp } from '../../test/helpers/testApp';
import type { Report } from '../lib/report';
import { CHANNEL, FAULTS_MEMBER, acknowledgedRef, alertSubmission, installActivity, refsIn } from './submissions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function statusUpdate(url: string, status: string, note: string, version: number): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/actions/2024-01/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status, note, version }) });
  return { status: response.status, body: await response.json() };
}

/** Where action 2024-01 can go next without ending its life (implemented and cancelled are final). */
const NEXT: Record<string, string> = { planned: 'initiated', initiated: 'postponed', postponed: 'planned' };

/**
 * Each alert form submitted twice at once (a double click) and again after 16 s, really waited
 * (Teams resends an invoke it has had no answer to within 15 s); then pairs of tab updates of one
 * action made from the same version.
 */
export async function benchResends(report: Report, options: { forms: number; resendAfterMs: number; tabPairs: number }): Promise<void> {
  const t = await startTestApp();
  t.connector.addMember(FAULTS_MEMBER);
  await t.post(installActivity());
  await t.app.outbox.idle();
  const alertsBefore = (t.app.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;

  const forms = Array.from({ length: options.forms }, () => ({ formId: newFormId(), refs: [] as Array<string | null> }));
  const submit = async (form: (typeof forms)[number]) => form.refs.push(acknowledgedRef(await t.post(alertSubmission(t.connector.url, form.formId))));
  await Promise.all(forms.flatMap((form) => [submit(form), submit(form)]));
  await sleep(options.resendAfterMs);
  await Promise.all(forms.map(submit));
  await t.app.outbox.idle();
  const alertsMade = (t.app.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n - alertsBefore;
  const sameAlert = forms.filter((form) => form.refs.length === 3 && form.refs[0] !== null && form.refs.every((ref) => ref === form.refs[0])).length;
  const posts = new Map<string, number>();
  for (const call of t.connector.sentActivities().filter((c) => c.conversationId === CHANNEL && c.replyToId === null)) for (const ref of refsIn(call.body)) posts.set(ref, (posts.get(ref) ?? 0) + 1);
  const postedOnce = forms.filter((form) => posts.get(form.refs[0] ?? '') === 1).length;

  let wins = 0;
  let conflicts = 0;
  let lost = 0;
  for (let i = 0; i < options.tabPairs; i++) {
    const current = (await (await fetch(`${t.app.url}/api/actions/2024-01`)).json()) as { status: string; version: number };
    const target = NEXT[current.status];
    const answers = await Promise.all([statusUpdate(t.app.url, target, `pair ${i}: first`, current.version), statusUpdate(t.app.url, target, `pair ${i}: second`, current.version)]);
    wins += answers.filter((a) => a.status === 200).length;
    conflicts += answers.filter((a) => a.status === 409).length;
    const after = (await (await fetch(`${t.app.url}/api/actions/2024-01`)).json()) as { version: number; timeline: Array<{ note: string | null }> };
    const winner = answers.find((a) => a.status === 200);
    // Lost: a write answered 200 that the store does not show, or one the other overwrote unseen.
    if (!winner || after.version !== current.version + 1 || !after.timeline.some((entry) => entry.note === winner.body.timeline[0].note)) lost += 1;
  }
  await t.stop();

  const section = 'resends';
  report.add({ section, measure: `alert forms each submitted twice at once and again after ${options.resendAfterMs / 1000} s: one alert each`, value: alertsMade, baseline: options.forms, unit: 'alerts', budget: '= forms', ok: alertsMade === options.forms && sameAlert === options.forms });
  report.add({ section, measure: 'forms whose three answers named the same alert / whose alert was posted once', value: `${sameAlert} / ${postedOnce}`, baseline: options.forms, unit: 'forms', budget: '= forms', ok: sameAlert === options.forms && postedOnce === options.forms });
  report.add({ section, measure: `tab: pairs of status updates of one action from the same version (${options.tabPairs}): 200 / 409`, value: `${wins} / ${conflicts}`, baseline: options.tabPairs, unit: 'answers', budget: 'one of each per pair', ok: wins === options.tabPairs && conflicts === options.tabPairs });
  report.add({ section, measure: 'tab: lost updates', value: lost, unit: 'updates', budget: '= 0', ok: lost === 0 });
}
