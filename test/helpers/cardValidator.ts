// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams refuses bot messages over about 28 KB; cards must stay below it with their envelope. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

function versionAtMost15(version: unknown): boolean {
  const match = /^(\d+)\.(\d+)$/.exec(String(version ?? ''));
  return !!match && (Number(match[1]) < 1 || (Number(match[1]) === 1 && Number(match[2]) <= 5));
}

/**
 * Parses a card with the Adaptive Cards SDK capped at schema 1.5 (what Teams renders) and returns
 * every problem: parse events, property validation events, version and size.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const json = card as Record<string, unknown>;
  if (json?.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (!versionAtMost15(json?.version)) problems.push(`version ${String(json?.version)} is above 1.5`);
  const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (size > TEAMS_CARD_LIMIT_BYTES) problems.push(`card is ${size} bytes, over Teams' ${TEAMS_CARD_LIMIT_BYTES}`);
  const text = JSON.stringify(card);
  if (/\$\{[^}]*\}/.test(text)) problems.push('unexpanded template binding left in card');
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

export function assertValidCard(card: unknown): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`Invalid Adaptive Card:\n  ${problems.join('\n  ')}\n${JSON.stringify(card).slice(0, 2000)}`);
}

/** The Adaptive Card attachments of a Bot Framework activity. */
export function cardsOf(activity: { attachments?: Array<{ contentType?: string; content?: unknown }> }): unknown[] {
  return (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
