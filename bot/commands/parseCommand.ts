export interface ParsedCommand {
  /** Lower-case command word without its slash, e.g. "help"; null when the text is not a command. */
  name: string | null;
  args: string[];
  /** The normalised text after the command word, for commands that take free text. */
  rest: string;
  text: string;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * Teams delivers channel messages as HTML-ish text: what is left of the stripped @mention
 * (`<at>Bot</at>&nbsp;/help` becomes `&nbsp;/help`), entities, non-breaking spaces, <p> wrappers.
 */
export function normaliseMessageText(raw: string | null | undefined): string {
  return (raw ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    // Block tags separate words; inline ones (<b>, <span>) sit inside a sentence.
    .replace(/<\/?(p|div|br|li|ul|ol|tr|td|h\d|blockquote)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (match, name: string) => {
      if (ENTITIES[name] !== undefined) return ENTITIES[name];
      const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? parseInt(name.slice(1), 10) : NaN;
      return Number.isFinite(code) ? String.fromCodePoint(code) : match;
    })
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** Splits on spaces but keeps "quoted phrases" together, so company names can hold spaces. */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) args.push(match[1] ?? match[2] ?? match[3]);
  return args;
}

/**
 * Parses "/cmd args" and also the bare "cmd args" that Teams inserts when a user picks a command
 * from the manifest's command list (whose titles are the English names: a bare word of another
 * language stays text, so "demande urgente" typed in a chat is not taken for `/request`). After a
 * slash, a command word of any language (`aliases`: folded word -> command name) names its command.
 */
export function parseCommand(raw: string | null | undefined, knownCommands: ReadonlySet<string>, aliases?: ReadonlyMap<string, string>): ParsedCommand {
  const text = normaliseMessageText(raw);
  const match = /^\/?([\p{L}\d_-]+)(?:\s+(.*))?$/su.exec(text);
  let word = match?.[1]?.toLowerCase();
  if (!match || !word || (!text.startsWith('/') && !knownCommands.has(word))) {
    return { name: null, args: [], rest: text, text };
  }
  if (aliases && !knownCommands.has(word)) {
    const folded = /^[a-z\d_-]+$/.test(word) ? word : word.normalize('NFD').replace(/\p{M}/gu, '');
    const command = aliases.get(folded);
    if (command && knownCommands.has(command)) word = command;
  }
  const rest = (match[2] ?? '').trim();
  return { name: word, args: splitArguments(rest), rest, text };
}
