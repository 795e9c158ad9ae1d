import type { OutboxContent } from '../../src/outbox/outbox';

/**
 * The outbox tests and fault benches measure the queue itself (order, retries, restarts), not a
 * card: they queue numbered text posts of a kind only they register (StartOptions.harnessPosts),
 * so that the connector stub's record names each one.
 */
export const TEXT_POST_KIND = 'harness-text';

export const textPost = (text: string): OutboxContent => ({ card: { kind: TEXT_POST_KIND, subject: text } });

export const renderTextPost = (content: OutboxContent) => (content.card.kind === TEXT_POST_KIND ? { type: 'message', text: content.card.subject } : null);

/** A numbered text post that mentions a Teams tag, for the limits Teams puts on those. */
export const TAG_POST_PREFIX = '@tag ';

const TAG_MENTION = { type: 'mention', text: '<at>Inspectors</at>', mentioned: { id: 'SW5zcGVjdG9ycw==', name: 'Inspectors', type: 'tag' } };

export const HARNESS_POSTS = {
  [TEXT_POST_KIND]: (subject: string) =>
    subject.startsWith(TAG_POST_PREFIX) ? { type: 'message', text: `<at>Inspectors</at> ${subject}`, entities: [TAG_MENTION] } : { type: 'message', text: subject },
};
