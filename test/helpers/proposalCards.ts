import { expect } from 'chai';
import { invokeCard } from './teamsActions';

type InvokeResponse = { status: number; body: any };

/**
 * A refused press on a proposal card: answered with the clicker's own view of the proposal as it
 * is now, the reason at its top. Returns the reason; the card is checked at Adaptive Cards 1.5.
 */
export function proposalRefusal(response: InvokeResponse): string {
  const card = invokeCard(response);
  const message = (card.body as any[]).find((element) => element.type === 'RichTextBlock' && element.inlines?.[0]?.color === 'Attention');
  expect(message, JSON.stringify(card).slice(0, 500)).to.not.equal(undefined);
  return message.inlines[0].text as string;
}
