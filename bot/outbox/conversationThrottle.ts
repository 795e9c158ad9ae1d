/** Teams' documented bot limits per conversation: 7 per second, 60 per 30 s, 1800 per hour. */
export const TEAMS_CONVERSATION_LIMITS: ReadonlyArray<{ count: number; windowMs: number }> = [
  { count: 7, windowMs: 1_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
];

/**
 * Teams' documented limits on messages that mention a tag, per bot per thread: 2 in 5 s and 5 in
 * 60 s (Teams platform docs, channel and group conversations, Tag mention: throttling limits).
 * Kept per conversation, the stricter reading of "thread" for a channel's posts.
 */
export const TEAMS_TAG_MENTION_LIMITS: ReadonlyArray<{ count: number; windowMs: number }> = [
  { count: 2, windowMs: 5_000 },
  { count: 5, windowMs: 60_000 },
];

/** Whether an activity mentions a Teams tag (on a card, where the tag says it is one, or beside it). */
export function mentionsTag(activity: unknown): boolean {
  const isTag = (entity: unknown) => (entity as { mentioned?: { type?: unknown } } | null)?.mentioned?.type === 'tag';
  const { entities, attachments } = (activity ?? {}) as { entities?: unknown; attachments?: unknown };
  if (Array.isArray(entities) && entities.some(isTag)) return true;
  if (!Array.isArray(attachments)) return false;
  return attachments.some((attachment) => {
    const cardEntities = (attachment as { content?: { msteams?: { entities?: unknown } } } | null)?.content?.msteams?.entities;
    return Array.isArray(cardEntities) && cardEntities.some(isTag);
  });
}

/** Sliding-window limiter per conversation: how long to wait before the next send is allowed. */
export class ConversationThrottle {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly limits = TEAMS_CONVERSATION_LIMITS,
  ) {}

  waitMs(conversationId: string): number {
    const now = this.now();
    const longest = Math.max(...this.limits.map((limit) => limit.windowMs));
    const history = (this.sent.get(conversationId) ?? []).filter((at) => now - at < longest);
    this.sent.set(conversationId, history);
    let wait = 0;
    for (const { count, windowMs } of this.limits) {
      const inWindow = history.filter((at) => now - at < windowMs);
      if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count] + windowMs - now);
    }
    return wait;
  }

  record(conversationId: string): void {
    const history = this.sent.get(conversationId) ?? [];
    history.push(this.now());
    this.sent.set(conversationId, history);
  }
}
