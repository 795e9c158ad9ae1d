import { randomUUID } from 'node:crypto';
import { newFormId } from '../../bot/cards/formId';
import { installActivity as installInTeam, personalActivity } from '../lib/activities';

export const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';
export const CHANNEL = '19:faults-general@thread.tacv2';
const USER = { id: '29:faults-user', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-00000000fa01', name: 'Faults' };
const BOT = { id: '28:faults-bot', name: 'Cooperation Desk' };
export const FAULTS_MEMBER = { id: USER.id, aadObjectId: USER.aadObjectId, email: 'faults@act.gov.pt', userPrincipalName: 'faults@act.gov.pt' };

/** The app added to the team, as Teams announces it: its channel becomes the cooperation channel. */
export function installActivity(conversationId = CHANNEL) {
  return installInTeam({ tenant: TENANT, user: USER, bot: BOT }, conversationId, '19:faults-team@thread.tacv2');
}

let sequence = 0;

/** A complete, valid alert submission from a form of its own (or of formId: a resend), on a company of its own. */
export function alertSubmission(serviceUrl: string, formId = newFormId()) {
  sequence += 1;
  // Hex of a random id: no two companies' names share a distinctive word, so none is asked "same company?".
  const name = `Faults ${randomUUID().replace(/-/g, '').slice(0, 12)} Lda (fictional)`;
  return personalActivity(serviceUrl, { tenant: TENANT, user: USER, bot: BOT, chatId: 'a:faults-personal' }, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'faults-form',
    value: {
      trigger: 'manual',
      action: {
        type: 'Action.Execute',
        verb: 'alert.submit',
        data: {
          formId,
          companyName: name,
          identifierType0: 'other',
          identifierValue0: `FAULTS${sequence}X${process.pid}${Date.now()}`,
          identifierCountry0: 'DE',
          registrationCountry: 'DE',
          countriesConcerned: 'PT,ES',
          sector: '43',
          fraudTypes: 'letterbox_company',
          urgency: 'routine',
          summary: 'Posted workers without PD A1 on a construction site; registered office looks like a mailbox.',
        },
      },
    },
  });
}

/** The alert reference an invoke answer acknowledges: a card confirming the alert, not a question. */
export function acknowledgedRef(answer: { status: number; body: any }): string | null {
  if (answer.status !== 200 || answer.body?.type !== 'application/vnd.microsoft.card.adaptive') return null;
  const card = JSON.stringify(answer.body.value);
  if (card.includes('companyChoice')) return null;
  return /AL-\d{4}-\d{4,}/.exec(card)?.[0] ?? null;
}

/** The alert references a channel post shows. */
export function refsIn(body: unknown): string[] {
  return [...new Set(JSON.stringify(body).match(/AL-\d{4}-\d{4,}/g) ?? [])];
}
