import { expect } from 'chai';
import { startTestApp, type TestApp, type TestAppOptions } from './testApp';
import { activity } from './activities';
import { assertValidCard } from './cardValidator';
import { from, registerPeople, type Person } from './people';

type InvokeResponse = { status: number; body: any };

/** Installs the app in the cooperation channel and forgets the welcome post. */
export async function installInChannel(t: TestApp): Promise<void> {
  await t.post(activity('conversationUpdate.install.team'));
  await t.app.outbox.idle();
  t.connector.clear();
}

/** The app with the four test authorities' people known to the connector, installed in the channel. */
export async function startAppInChannel(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await startTestApp(options);
  registerPeople(t.connector);
  await installInChannel(t);
  return t;
}

/** A click on an Action.Execute button of a card the app posted in the cooperation channel. */
export function clickOnChannelCard(t: TestApp, person: Person, messageId: string, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return t.post(activity('invoke.cardAction.channel', { ...from(person), locale, replyToId: messageId, value: { action: { type: 'Action.Execute', verb, data } } }));
}

/** The card an Action.Execute invoke answered with, checked at Adaptive Cards 1.5. */
export function invokeCard(response: InvokeResponse): any {
  expect(response.status).to.equal(200);
  expect(response.body.type, JSON.stringify(response.body)).to.equal('application/vnd.microsoft.card.adaptive');
  assertValidCard(response.body.value);
  return response.body.value;
}

/** The message an Action.Execute invoke answered with (a refusal, an error in the user's language). */
export function invokeMessage(response: InvokeResponse): string {
  expect(response.status).to.equal(200);
  expect(response.body.type, JSON.stringify(response.body)).to.equal('application/vnd.microsoft.activity.message');
  return response.body.value;
}

/** The Teams id of the channel post the outbox made under a dedupe key. */
export function postedMessageId(t: TestApp, dedupeKey: string): string {
  return (t.app.db.prepare('SELECT sent_activity_id AS id FROM outbox WHERE dedupe_key = ?').get(dedupeKey) as { id: string }).id;
}
