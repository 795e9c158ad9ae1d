import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string | null;
  replyToId: string | null;
  activityId: string | null;
  body: any;
  /** The Authorization header the bot sent (its token for the Bot Connector in production). */
  authorization: string | null;
  at: number;
}

export interface MemberProfile {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  /** The member's own tenant (an external member of a shared channel keeps theirs). */
  tenantId?: string;
}

export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
}

/** A failure answered at once, or a request held open and never answered (recorded as failed 'hang'). */
export type ScriptedFault = ScriptedFailure | { hang: true };

/** Decides a fault for each send of an activity (null: answer normally), after the scripted ones. */
export type FaultPlan = (call: RecordedCall) => ScriptedFault | null;

/** A conversation the bot created (`POST /v3/conversations`): a 1:1 chat with one member. */
export interface CreatedConversation {
  id: string;
  /** The body the bot sent: `bot`, `members`, `channelData.tenant`, `isGroup`. */
  body: any;
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends and answers like
 * Teams would (activity ids, member lookups), with failures scripted by the test.
 */
export class ConnectorStub {
  readonly calls: RecordedCall[] = [];
  readonly members = new Map<string, MemberProfile>();
  /** The 1:1 chats the bot created, in order; asked again for the same member, the same chat is answered (as Teams does). */
  readonly createdConversations: CreatedConversation[] = [];
  private readonly failures: ScriptedFault[] = [];
  private faultPlan: FaultPlan | null = null;
  private readonly hung = new Set<http.ServerResponse>();
  private beforeNextAnswer: (() => Promise<void>) | null = null;
  private readonly waiters: Array<() => void> = [];
  private server: http.Server | null = null;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.endHangs();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next sends of activities fail with these statuses, in order. */
  failNext(...failures: ScriptedFailure[]): void {
    this.failures.push(...failures);
  }

  /** The next sends of activities are held open and never answered (a connector that hangs). */
  hangNext(count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push({ hang: true });
  }

  /** Faults decided per send from now on (null: none); scripted failNext/hangNext ones come first. */
  setFaults(plan: FaultPlan | null): void {
    this.faultPlan = plan;
  }

  /** Requests held open by a hang whose client has not given up on them yet. */
  heldOpen(): number {
    return this.hung.size;
  }

  /** Drops the connections of the requests held open by a hang, as a connector restart would. */
  endHangs(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** The next successful send of an activity is answered only once this has run (Teams being slow). */
  holdNextAnswer(whileHeld: () => Promise<void>): void {
    this.beforeNextAnswer = whileHeld;
  }

  addMember(profile: MemberProfile): void {
    this.members.set(profile.id, profile);
    if (profile.aadObjectId) this.members.set(profile.aadObjectId, profile);
  }

  /** Activities the bot posted or replied (not member lookups, not failed attempts). */
  sentActivities(): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities') && !call.body?.__failed);
  }

  /** The activities the bot posted into a conversation (e.g. a 1:1 chat it created). */
  activitiesIn(conversationId: string): RecordedCall[] {
    return this.sentActivities().filter((call) => call.conversationId === conversationId);
  }

  /** The 1:1 chat the bot created with this member (their Entra object id or Teams id), if any. */
  personalChatWith(memberId: string): CreatedConversation | undefined {
    return this.createdConversations.find((created) => created.body?.members?.[0]?.id === memberId);
  }

  updates(): RecordedCall[] {
    return this.calls.filter((call) => call.method === 'PUT');
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Waits until predicate holds over the recorded calls; bounded so a broken feature fails, not hangs. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`connector stub: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? JSON.parse(raw) : null;
      const path = decodeURIComponent((req.url ?? '').split('?')[0]);
      const match = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/members\/([^/]+))?/.exec(path);
      const call: RecordedCall = {
        method: req.method ?? 'GET',
        path,
        conversationId: match?.[1] ?? null,
        replyToId: req.method === 'POST' ? (match?.[2] ?? null) : null,
        activityId: req.method === 'PUT' ? (match?.[2] ?? null) : null,
        body,
        authorization: req.headers.authorization ?? null,
        at: Date.now(),
      };
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (path === '/v3/conversations' && req.method === 'POST') {
        this.calls.push(call);
        // Teams' rules for a bot's 1:1 chat: one member, not a group, a tenant.
        const member = body?.members?.[0]?.id;
        if (!member || body.members.length !== 1 || body.isGroup || !body.channelData?.tenant?.id || !body.bot?.id) {
          reply(400, { error: { code: 'BadArgument', message: 'a 1:1 chat needs one member, isGroup false, a tenant and the bot' } });
        } else {
          let created = this.createdConversations.find((c) => c.body.members[0].id === member && c.body.channelData.tenant.id === body.channelData.tenant.id);
          if (!created) {
            created = { id: `a:1personal-chat-${this.createdConversations.length + 1}`, body };
            this.createdConversations.push(created);
          }
          reply(201, { id: created.id });
        }
      } else if (match?.[3]) {
        this.calls.push(call);
        const member = this.members.get(match[3]);
        if (member) reply(200, member);
        else reply(404, { error: { code: 'MemberNotFound', message: 'member not found' } });
      } else if (path.includes('/activities') && (req.method === 'POST' || req.method === 'PUT')) {
        const failure = this.failures.shift() ?? this.faultPlan?.(call) ?? null;
        if (failure && 'hang' in failure) {
          this.calls.push({ ...call, body: { ...body, __failed: 'hang' } });
          this.hung.add(res);
          res.once('close', () => this.hung.delete(res));
        } else if (failure) {
          this.calls.push({ ...call, body: { ...body, __failed: failure.status } });
          reply(failure.status, { error: { code: 'Scripted', message: `scripted ${failure.status}` } }, failure.headers);
        } else {
          this.calls.push(call);
          const held = this.beforeNextAnswer;
          this.beforeNextAnswer = null;
          const id = call.activityId ?? `activity-${++this.counter}`;
          if (held) void held().then(() => reply(200, { id }));
          else reply(200, { id });
        }
      } else {
        this.calls.push(call);
        reply(404, { error: { code: 'NotFound', message: 'not emulated' } });
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
}
