/**
 * Drives the real Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) headlessly,
 * through the same HTTP and WebSocket API its web UI uses. No browser is needed.
 *
 * How the playground works (read from its bundled server, 0.2.28):
 * - `agentsplayground start -e <bot endpoint> -c msteams --port 0` listens on a port the OS picks, on
 *   ALL interfaces, and prints `Listening on <port>` to stdout only when stdout is not a TTY (other
 *   console output goes to the log file named by M365_AGENTS_PLAYGROUND_LOGFILE).
 * - The UI posts a user message with `POST /_conversation/v1/conversations/{conversationId}/messages`
 *   `{ type:'text', text, textFormat:'plain', from:{id}, mentions?:[{mentioned:{id,name}, text:'<at>Name</at>'}] }`;
 *   the server answers `{ messageId, postConversationId?, timestamp }` and then, asynchronously, POSTs
 *   a Teams message activity to the bot (personal chat always; group chat and channels only when the
 *   mentions include the bot). The activity has `locale: 'en-US'` hard-coded.
 * - The bot answers through the connector the playground serves at `serviceUrl`
 *   (`http://localhost:<port>/_connector`): `POST /v3/conversations/{id}/activities[/{replyToId}]`,
 *   `PUT .../activities/{id}`, `GET /v3/conversations/{id}/members[/{userId}]`, `.../pagedmembers`, ...
 * - The UI receives bot messages on the WebSocket `/_ws_conversation/v1/conversations/stream`
 *   (`{action:'createMessage'|'updateMessage'|'typing', actionConversationId, message}`, already
 *   converted for display) and the raw traffic on `/_ws/log/stream`
 *   (`{logAction:'appendLog', log:{type:'bot'|'text', from, to, activityName, conversationId, request:{body}, response:{statusCode, body}}}`).
 *   This helper listens to the log stream: it carries the bot's activities exactly as the bot sent them.
 * - Conversation ids and users come from `GET /_internal/v1/testConfig`; the personal chat id is a new
 *   UUID on every start unless `--conversation-id` is given; channel messages start a thread whose
 *   conversation id is `<channelId>;messageid=<messageId>`.
 * - A press on an Action.Execute button is `POST /_conversation/v1/invoke` `{ name:'adaptiveCard/action',
 *   value:{ action:{ type:'Action.Execute', verb, data }, trigger:'manual' }, from:{id}, conversation:{id}, replyToId }`,
 *   where `from` must be a member of the conversation and `replyToId` the id the playground's connector gave the
 *   bot's message; a message the bot posts in a channel starts a thread, `<channelId>;messageid=<messageId>`.
 *   The response is the bot's invoke answer, whose card replaces the message. With the built-in configuration
 *   (what `npm start` runs) the signed-in user is a member of the team, so they press buttons on channel cards
 *   themselves; the app cannot map their e-mail (alexw@example.com), so in local mode they act for a demo
 *   authority, which `/demo as <authority>` changes.
 * - `POST /_debug/conversation/{id}/installation` sends the installation activities of any conversation,
 *   the team's General channel (id = team id) included; nothing sends them for the team on start.
 * - Another locale than en-US can only be sent as a "custom activity" (`POST /_internal/v1/customActivities`,
 *   which forwards any JSON activity to the bot); see `sendText`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'agentsplayground');
const BOT_APP = 'User Application';
const PLAYGROUND = 'Microsoft 365 Agents Playground';

export interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
  userPrincipalName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
}

export interface PlaygroundOptions {
  /** Bound on start-up (spawn until the log stream is connected). Default 30 s. */
  startTimeoutMs?: number;
  /** Fixed personal-chat conversation id (`--conversation-id`); by default a new UUID on every start. */
  conversationId?: string;
  /** Overrides for the signed-in user (written to a playground config file), e.g. `{ email: 'a@labour.example' }`. */
  currentUser?: Partial<PlaygroundUser>;
  /**
   * Overrides for the playground's other users (team and group chat members), by position: e.g.
   * `[{ email: 'megan@mites.gob.es' }]` makes the first of them someone the app maps to ES-ITSS.
   * Any override replaces the built-in configuration `npm start` uses; the smoke test needs none.
   */
  users?: Array<Partial<PlaygroundUser>>;
  /** The bot account the playground uses (recipient, mention target). Default `{ id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' }`. */
  bot?: { id?: string; name?: string };
  tenantId?: string;
  /** Extra environment variables for the playground process. */
  env?: Record<string, string>;
}

export interface SendOptions {
  /** Teams locale of the user. Anything but en-US is sent as a custom activity (see `sendText`). */
  locale?: string;
  /** Personal chat with the bot (default) or a team channel, where the bot is @mentioned. */
  scope?: 'personal' | 'channel';
  /** Channel conversation id for scope 'channel'; default the team's General channel. */
  channelId?: string;
  /** For scope 'channel': do not add the bot mention (the playground then does not deliver the message). */
  noMention?: boolean;
}

export interface SentMessage {
  /** The conversation id the bot sees (for channels: `<channelId>;messageid=<messageId>`). */
  conversationId: string;
  /** The playground's id of the user's message; undefined for personal-chat custom activities. */
  messageId?: string;
  /** The activity id the bot receives, when this helper chose it (custom activities). */
  activityId?: string;
}

/** One request seen on the playground's log stream. */
export interface PlaygroundExchange {
  /** 'toBot': the playground called the bot; 'fromBot': the bot called the playground's connector; 'note': a text log line. */
  direction: 'toBot' | 'fromBot' | 'note';
  /** Activity type, or a connector operation such as 'getConversationMember'. */
  name?: string;
  conversationId?: string;
  messageId?: string;
  status?: number;
  request?: any;
  response?: any;
  text?: string;
  at: number;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  personalChatId: string;
  /** `members`: the user ids of the team's members, in the order of the configured users. */
  team: { id: string; name: string; channels: Array<{ id: string; name: string }>; members: string[] };
}

export interface Playground {
  /** Base URL, e.g. http://127.0.0.1:41234 (open it in a browser to see the UI). */
  url: string;
  port: number;
  config: PlaygroundConfig;
  /** The personal chat's conversation id (changes on every start unless fixed by options). */
  personalConversationId: string;
  /** Sends `text` as the user; resolves once the playground accepted it (the bot is called asynchronously). */
  sendText(text: string, options?: SendOptions): Promise<SentMessage>;
  /** Has the playground send the installation activities of the personal chat (installationUpdate + conversationUpdate). */
  install(): Promise<void>;
  /**
   * Presses an Action.Execute button of a bot message, as the UI does: `data` is the button's data
   * merged with the card's inputs. Resolves with the invoke response the playground got from the
   * bot (`{ type, value }`), whose card the playground then shows in place of the message.
   */
  pressButton(message: { conversationId: string; messageId: string }, verb: string, data: Record<string, unknown>, options?: { userId?: string }): Promise<{ type: string; value: any }>;
  /**
   * The conversation and message id the playground gave an activity the bot sent (from its
   * connector's answer); for a new channel post, the conversation is the thread it starts.
   */
  messageOf(activity: any): { conversationId: string; messageId: string };
  /**
   * The first activity the bot sent to the playground since the last `sendText`/`install` that
   * satisfies `predicate` (already-received ones count). Rejects early if the bot failed that turn.
   */
  waitForBotActivity(predicate: (activity: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Every activity the bot sent and the playground accepted, in arrival order. */
  botActivities(): any[];
  /** All traffic from the log stream, for assertions on member lookups and for diagnostics. */
  traffic(): PlaygroundExchange[];
  /** Captured stdout/stderr and the playground's own log file. */
  output(): string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: whatever happens to the test run, never leave a playground behind.

const livePlaygrounds = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of livePlaygrounds) killGroup(pid, 'SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------------
// A receive-only WebSocket client (RFC 6455), enough for the playground's JSON streams; the project
// has no direct dependency on a WebSocket library and Node 20 has no global WebSocket.

class StreamClient {
  private socket: Duplex | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly onMessage: (text: string) => void,
    private readonly onClose: (reason: string) => void,
  ) {}

  connect(port: number, pathname: string, timeoutMs: number): Promise<void> {
    const key = randomBytes(16).toString('base64');
    const expected = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: pathname,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
        timeout: timeoutMs,
      });
      req.on('upgrade', (res, socket, head) => {
        if (res.headers['sec-websocket-accept'] !== expected) {
          socket.destroy();
          reject(new Error(`WebSocket ${pathname}: bad handshake`));
          return;
        }
        this.socket = socket;
        (socket as unknown as { unref?: () => void }).unref?.();
        socket.on('data', (chunk: Buffer) => this.receive(chunk));
        socket.on('close', () => this.finish('socket closed'));
        socket.on('error', (error) => this.finish(`socket error: ${error.message}`));
        if (head.length) this.receive(head);
        resolve();
      });
      req.on('response', (res) => {
        res.resume();
        reject(new Error(`WebSocket ${pathname}: HTTP ${res.statusCode} instead of an upgrade`));
      });
      req.on('timeout', () => req.destroy(new Error(`WebSocket ${pathname}: no upgrade within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    if (!this.socket || this.closed) return;
    this.send(0x8, Buffer.from([0x03, 0xe8]));
    this.closed = true;
    this.socket.end();
    this.socket.destroy();
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(reason);
  }

  /** Client frames must be masked. */
  private send(opcode: number, payload: Buffer): void {
    if (!this.socket || this.closed || payload.length > 125) return;
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.buffer.length < 2) return;
      const first = this.buffer[0]!;
      const second = this.buffer[1]!;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (second & 0x80) !== 0;
      const maskKey = masked ? this.buffer.subarray(offset, offset + 4) : null;
      if (masked) offset += 4;
      if (this.buffer.length < offset + length) return;
      let payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (maskKey) payload = Buffer.from(payload.map((byte, i) => byte ^ maskKey[i % 4]!));
      const opcode = first & 0x0f;
      const fin = (first & 0x80) !== 0;
      if (opcode === 0x8) {
        this.send(0x8, payload.subarray(0, 2));
        this.finish('closed by the playground');
        this.socket?.end();
        return;
      }
      if (opcode === 0x9) {
        this.send(0xa, payload);
        continue;
      }
      if (opcode === 0xa) continue;
      // 0x1 text, 0x2 binary, 0x0 continuation
      this.fragments.push(Buffer.from(payload));
      if (fin) {
        const text = Buffer.concat(this.fragments).toString('utf8');
        this.fragments = [];
        this.onMessage(text);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

function defaultUsers(): PlaygroundUser[] {
  const names: Array<[string, string, string]> = [
    ['Megan', 'Bowen', 'meganb'],
    ['Adele', 'Vance', 'adelev'],
    ['Isaiah', 'Langer', 'isaiahl'],
    ['Patti', 'Fernandez', 'pattif'],
    ['Lynne', 'Robbins', 'lynner'],
  ];
  return names.map(([givenName, surname, alias], i) => ({
    id: `user-id-${i + 1}`,
    name: `${givenName} ${surname}`,
    email: `${alias}@example.com`,
    userPrincipalName: `${alias}@example.com`,
    aadObjectId: `00000000-0000-0000-0000-00000000000${21 + i}`,
    givenName,
    surname,
  }));
}

/** The playground's config file format (YAML; JSON is valid YAML). Note its key `userPrincipleName`. */
function configFile(options: PlaygroundOptions): string {
  const toFile = (u: PlaygroundUser) => ({
    id: u.id,
    name: u.name,
    userPrincipleName: u.userPrincipalName,
    aadObjectId: u.aadObjectId,
    givenName: u.givenName,
    surname: u.surname,
    email: u.email,
  });
  const me: PlaygroundUser = {
    id: 'user-id-0',
    name: 'Alex Wilber',
    email: 'alexw@example.com',
    userPrincipalName: options.currentUser?.email ?? 'alexw@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    givenName: 'Alex',
    surname: 'Wilber',
    ...options.currentUser,
  };
  return JSON.stringify(
    {
      version: '0.1.1',
      tenantId: options.tenantId ?? '00000000-0000-0000-0000-0000000000001',
      bot: { id: options.bot?.id ?? '00000000-0000-0000-0000-00000000000011', name: options.bot?.name ?? 'Test Bot' },
      currentUser: toFile(me),
      users: defaultUsers().map((user, i) => toFile({ ...user, ...options.users?.[i] })),
      personalChat: { id: options.conversationId ?? randomUUID() },
      groupChat: { id: randomUUID(), name: 'Group Chat' },
      team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
    },
    null,
    2,
  );
}

function tail(text: string, max = 6000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

async function requestJson(url: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: response.status, body };
}

/** Starts the playground against `botEndpoint` (e.g. http://127.0.0.1:PORT/api/messages), connected and ready. */
export async function startPlayground(botEndpoint: string, options: PlaygroundOptions = {}): Promise<Playground> {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const started = Date.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-playground-'));
  const logFile = path.join(workDir, 'playground.log');
  const configPath = path.join(workDir, '.m365agentsplayground.yml');
  const customConfig = Boolean(options.currentUser || options.users || options.bot || options.tenantId);
  if (customConfig) fs.writeFileSync(configPath, configFile(options));

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Everything is on loopback: a proxy variable would make the playground call the bot through the proxy.
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[name];
  for (const name of Object.keys(env)) if (/^(M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_)/.test(name)) delete env[name];
  for (const name of ['BOT_ENDPOINT', 'DEFAULT_CHANNEL_ID', 'SEND_INSTALLATION_ACTIVITY']) delete env[name];
  Object.assign(env, {
    TEAMSAPPTESTER_BROWSER: 'none', // never try to open a browser
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile, // default ./devTools/m365agentsplayground.log (deleted on start!)
    M365_AGENTS_PLAYGROUND_RECORDING_FILE: path.join(workDir, 'events.log'),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath, // absent file = built-in config; never the cwd's
    TEAMS_APP_TEST_TOOL_CONFIG_PATH: configPath,
    ...options.env,
  });

  // Preloaded into the playground: it exits when its stdin (a pipe from this process) reaches EOF, which
  // the OS guarantees when this process dies in any way, even by SIGKILL; the exit hook only covers exit().
  const watchdog = path.join(workDir, 'exit-with-parent.cjs');
  fs.writeFileSync(watchdog, "process.stdin.on('end', () => process.exit(0));\nprocess.stdin.on('error', () => process.exit(0));\nprocess.stdin.resume();\n");
  const args = ['--require', watchdog, fs.realpathSync(PLAYGROUND_BIN), 'start', '-e', botEndpoint, '-c', 'msteams', '--port', '0', '--disable-telemetry'];
  if (options.conversationId && !customConfig) args.push('--conversation-id', options.conversationId);

  installExitHook();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: workDir, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid) livePlaygrounds.add(child.pid);
  // Never keep the test process alive by itself: a forgotten stop() is handled by the exit hook.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  child.stdin!.on('error', () => undefined);
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  let captured = '';
  const capture = (stream: string) => (chunk: Buffer) => {
    captured = tail(captured + `[${stream}] ${chunk.toString('utf8')}`, 64_000);
  };
  child.stdout!.on('data', capture('stdout'));
  child.stderr!.on('data', capture('stderr'));
  let exitInfo: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = `exited with ${signal ?? `code ${code}`}`;
      if (child.pid) livePlaygrounds.delete(child.pid);
      resolve();
    });
  });
  child.once('error', (error) => {
    exitInfo = `failed to spawn: ${error.message}`;
  });

  const readLog = () => {
    try {
      return fs.readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const output = () => `${captured}\n--- ${logFile} ---\n${tail(readLog())}`;

  const exchanges: PlaygroundExchange[] = [];
  const accepted: Array<{ activity: any; index: number }> = [];
  let streamClosed: string | null = null;
  let mark = 0; // index into `exchanges` where the current turn starts
  let lastSent: { conversationId: string; activityId?: string } | null = null;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());

  const logStream = new StreamClient(
    (text) => {
      let item: any;
      try {
        item = JSON.parse(text);
      } catch {
        return;
      }
      const log = item?.log;
      if (!log) return;
      const exchange: PlaygroundExchange =
        log.type === 'bot'
          ? {
              direction: log.from === BOT_APP && log.to === PLAYGROUND ? 'fromBot' : 'toBot',
              name: log.activityName,
              conversationId: log.conversationId,
              messageId: log.messageId,
              status: log.response?.statusCode,
              request: log.request?.body,
              response: log.response?.body,
              at: Date.now(),
            }
          : { direction: 'note', conversationId: log.conversationId, text: log.displayText, at: Date.now() };
      exchanges.push(exchange);
      if (exchange.direction === 'fromBot' && exchange.request && typeof exchange.request.type === 'string' && (exchange.status ?? 500) < 400) {
        accepted.push({ activity: exchange.request, index: exchanges.length - 1 });
      }
      notify();
    },
    (reason) => {
      streamClosed = reason;
      notify();
    },
  );

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    logStream.close();
    if (child.pid && exitInfo === null) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (child.pid) livePlaygrounds.delete(child.pid);
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  // --- start-up: "Listening on <port>", then the API, then the log stream ---
  let port: number;
  let config: PlaygroundConfig;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Listening on <port>" within ${startTimeoutMs} ms`)), startTimeoutMs);
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const match = /Listening on (\d+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the playground ${exitInfo} before it was ready`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const base = `http://127.0.0.1:${port}`;
    const ping = await requestJson(`${base}/_debug/ping`);
    if (ping.status !== 200) throw new Error(`GET /_debug/ping answered ${ping.status}`);
    const { status, body } = await requestJson(`${base}/_internal/v1/testConfig`);
    if (status !== 200) throw new Error(`GET /_internal/v1/testConfig answered ${status}`);
    const c = body.config;
    const toUser = (u: any): PlaygroundUser => ({
      id: u.id,
      name: u.name,
      email: u.email,
      userPrincipalName: u.userPrincipleName,
      aadObjectId: u.aadObjectId,
      givenName: u.givenName,
      surname: u.surname,
    });
    config = {
      tenantId: c.tenantId,
      bot: { id: c.bot.id, name: c.bot.name },
      currentUser: toUser(c.currentUser),
      personalChatId: c.personalChat.id,
      team: { id: c.teams[0].id, name: c.teams[0].name, channels: c.teams[0].channels.map((ch: any) => ({ id: ch.id, name: ch.name })), members: c.teams[0].members ?? [] },
    };
    const remaining = Math.max(1_000, startTimeoutMs - (Date.now() - started));
    await logStream.connect(port, '/_ws/log/stream', remaining);
  } catch (error) {
    const message = `Agents Playground did not start (${(error as Error).message}) after ${Date.now() - started} ms.\n${output()}`;
    await stop();
    throw new Error(message);
  }

  const base = `http://127.0.0.1:${port}`;
  const api = (pathname: string, body?: unknown) => requestJson(`${base}${pathname}`, body === undefined ? undefined : { method: 'POST', body });
  const check = (what: string, response: { status: number; body: any }) => {
    if (response.status >= 400) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const beginTurn = () => {
    mark = exchanges.length;
  };

  const mention = `<at>${config.bot.name}</at>`;

  async function sendCustomMessage(conversationId: string, text: string, locale: string, activityId: string, channelId?: string): Promise<void> {
    const template = check(
      'GET /_internal/v1/customActivities/template',
      await requestJson(`${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`),
    );
    const now = new Date();
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const country = /-([A-Za-z]{2})$/.exec(locale)?.[1]?.toUpperCase();
    const entities: any[] = [];
    if (channelId && text.includes(mention)) entities.push({ type: 'mention', mentioned: { id: config.bot.id, name: config.bot.name }, text: mention });
    entities.push({ type: 'clientInfo', locale, country, platform: channelId ? undefined : 'Web', timezone });
    const teamId = config.team.id;
    const activity = {
      ...template,
      type: 'message',
      id: activityId,
      timestamp: now.toISOString(),
      localTimestamp: now.toISOString(),
      localTimezone: timezone,
      from: { ...template.from, name: config.currentUser.name },
      text,
      textFormat: 'plain',
      locale,
      entities,
      channelData: channelId
        ? { teamsChannelId: channelId, teamsTeamId: teamId, tenant: { id: config.tenantId }, team: { id: teamId }, channel: { id: channelId } }
        : { tenant: { id: config.tenantId } },
    };
    check('POST /_internal/v1/customActivities', await api('/_internal/v1/customActivities', activity));
  }

  const playground: Playground = {
    url: base,
    port,
    config,
    personalConversationId: config.personalChatId,

    async sendText(text, sendOptions = {}) {
      if (stopped) throw new Error('the playground is stopped');
      const scope = sendOptions.scope ?? 'personal';
      const locale = sendOptions.locale;
      const custom = locale !== undefined && locale !== 'en-US';
      beginTurn();
      if (scope === 'personal') {
        const conversationId = config.personalChatId;
        if (custom) {
          // The UI's message route hard-codes en-US; a custom activity reaches the bot as it is.
          const activityId = randomUUID();
          lastSent = { conversationId, activityId };
          await sendCustomMessage(conversationId, text, locale, activityId);
          return { conversationId, activityId };
        }
        lastSent = { conversationId };
        const body = check(
          'POST /_conversation/v1/conversations/{id}/messages',
          await api(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
            type: 'text',
            text,
            textFormat: 'plain',
            from: { id: config.currentUser.id },
          }),
        );
        return { conversationId, messageId: body.messageId };
      }
      const channelId = sendOptions.channelId ?? config.team.id;
      const fullText = sendOptions.noMention || text.includes(mention) ? text : `${mention} ${text}`;
      const mentions = sendOptions.noMention ? [] : [{ mentioned: { id: config.bot.id, name: config.bot.name }, text: mention }];
      // Without a bot mention the playground records the post but does not call the bot; with a custom
      // locale that is what we want: the thread exists, then the localised activity goes to the bot.
      const body = check(
        'POST /_conversation/v1/conversations/{id}/messages',
        await api(`/_conversation/v1/conversations/${encodeURIComponent(channelId)}/messages`, {
          type: 'text',
          text: fullText,
          textFormat: 'plain',
          from: { id: config.currentUser.id },
          ...(custom ? {} : { mentions }),
        }),
      );
      const conversationId: string = body.postConversationId;
      if (custom && !sendOptions.noMention) {
        lastSent = { conversationId, activityId: body.messageId };
        await sendCustomMessage(conversationId, fullText, locale, body.messageId, channelId);
        return { conversationId, messageId: body.messageId, activityId: body.messageId };
      }
      lastSent = { conversationId };
      return { conversationId, messageId: body.messageId };
    },

    async install() {
      beginTurn();
      lastSent = { conversationId: config.personalChatId };
      check('POST /_debug/conversation/{id}/installation', await api(`/_debug/conversation/${encodeURIComponent(config.personalChatId)}/installation`, {}));
    },

    waitForBotActivity(predicate, timeoutMs = 10_000) {
      const from = mark;
      const sent = lastSent;
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const done = (error: Error | null, value?: any) => {
          waiters.delete(evaluate);
          if (timer) clearTimeout(timer);
          if (error) reject(error);
          else resolve(value);
        };
        const describe = () =>
          exchanges
            .slice(from)
            .map((e) =>
              e.direction === 'note'
                ? `  note: ${e.text}`
                : `  ${e.direction} ${e.name} ${e.conversationId ?? ''} -> ${e.status}${e.request?.text ? ` text=${JSON.stringify(e.request.text)}` : ''}${
                    e.request?.attachments ? ` attachments=${e.request.attachments.map((a: any) => a.contentType).join(',')}` : ''
                  }${e.status && e.status >= 400 ? ` ${JSON.stringify(e.response)}` : ''}`,
            )
            .join('\n') || '  (nothing)';
        const evaluate = () => {
          for (const { activity, index } of accepted) {
            if (index < from) continue;
            let ok = false;
            try {
              ok = predicate(activity);
            } catch (error) {
              done(error as Error);
              return;
            }
            if (ok) {
              done(null, activity);
              return;
            }
          }
          const recent = exchanges.slice(from);
          const rejected = recent.find((e) => e.direction === 'fromBot' && e.request?.type && (e.status ?? 0) >= 400 && safe(() => predicate(e.request)));
          if (rejected) {
            done(new Error(`the playground rejected the bot's activity with ${rejected.status}: ${JSON.stringify(rejected.response)}\nTraffic:\n${describe()}`));
            return;
          }
          const failedTurn = sent
            ? recent.find(
                (e) =>
                  e.direction === 'toBot' &&
                  e.conversationId === sent.conversationId &&
                  (sent.activityId === undefined || e.messageId === sent.activityId) &&
                  (e.status ?? 0) >= 500,
              )
            : undefined;
          if (failedTurn) {
            done(new Error(`the bot answered the ${failedTurn.name} activity with ${failedTurn.status}: ${JSON.stringify(failedTurn.response)}\nTraffic:\n${describe()}`));
            return;
          }
          const unreachable = recent.find((e) => e.direction === 'note' && /Cannot connect to your app/i.test(e.text ?? '') && (!sent || e.conversationId === sent.conversationId));
          if (unreachable) {
            done(new Error(`the playground could not reach the bot: ${unreachable.text}\nTraffic:\n${describe()}`));
            return;
          }
          if (streamClosed) done(new Error(`the playground's log stream closed (${streamClosed}; playground ${exitInfo ?? 'running'})\n${output()}`));
        };
        timer = setTimeout(
          () => done(new Error(`no matching bot activity within ${timeoutMs} ms. Traffic since the last send:\n${describe()}\n${tail(output(), 3000)}`)),
          timeoutMs,
        );
        waiters.add(evaluate);
        evaluate();
      });
    },

    async pressButton(message, verb, data, pressOptions = {}) {
      if (stopped) throw new Error('the playground is stopped');
      beginTurn();
      lastSent = { conversationId: message.conversationId };
      return check(
        'POST /_conversation/v1/invoke',
        await api('/_conversation/v1/invoke', {
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
          from: { id: pressOptions.userId ?? config.currentUser.id },
          conversation: { id: message.conversationId },
          replyToId: message.messageId,
        }),
      );
    },

    messageOf(activity) {
      const exchange = exchanges.find((e) => e.direction === 'fromBot' && e.request === activity);
      const messageId = exchange?.response?.id;
      if (!exchange || typeof messageId !== 'string') throw new Error(`no message id for that activity: ${JSON.stringify(exchange?.response)}`);
      const conversationId: string = exchange.conversationId ?? activity.conversation?.id;
      // A new post in a channel starts a thread, which the playground keeps as its own conversation.
      const thread = activity.conversation?.conversationType === 'channel' && !conversationId.includes(';messageid=') ? `${conversationId};messageid=${messageId}` : conversationId;
      return { conversationId: thread, messageId };
    },

    botActivities: () => accepted.map((entry) => entry.activity),
    traffic: () => [...exchanges],
    output,
    stop,
  };
  return playground;
}

function safe(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}
