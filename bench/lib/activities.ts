import { randomUUID } from 'node:crypto';

/** Who a load driver's activities come from and go to. */
export interface BenchParty {
  tenant: string;
  user: { id: string; aadObjectId: string; name: string };
  bot: { id: string; name: string };
  chatId: string;
}

/** An activity from the party's user in their personal chat with the bot, as Teams sends it. */
export function personalActivity(serviceUrl: string, party: BenchParty, fields: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    locale: 'en-GB',
    from: party.user,
    recipient: party.bot,
    conversation: { id: party.chatId, conversationType: 'personal', tenantId: party.tenant },
    channelData: { tenant: { id: party.tenant } },
    ...fields,
  };
}

/** The app added to a team, as Teams announces it: the channel becomes the cooperation channel. */
export function installActivity(party: Omit<BenchParty, 'chatId'>, channelId: string, teamId: string) {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    from: party.user,
    recipient: party.bot,
    membersAdded: [{ id: party.bot.id }],
    conversation: { id: channelId, conversationType: 'channel', tenantId: party.tenant },
    channelData: { team: { id: teamId }, channel: { id: channelId }, tenant: { id: party.tenant } },
  };
}
