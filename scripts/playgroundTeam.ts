/**
 * Local mode: makes the Agents Playground's team channel the cooperation channel, the way Teams
 * does when the app is added to a team. Without it an alert made in the playground's personal chat
 * is "stored but not posted", and a newcomer never sees the channel card that other authorities
 * answer on.
 *
 * The playground (0.2.28) does not tell the app about its team on start; it sends the installation
 * activities of a conversation (installationUpdate, then conversationUpdate adding the bot) when
 * asked through the same debug route its UI calls for the personal chat. The app's install handler
 * then remembers the channel, and the first channel remembered becomes the cooperation channel.
 */

export interface PlaygroundTeam {
  teamId: string;
  teamName: string;
  /** The General channel's conversation id (in Teams, the team id itself). */
  channelId: string;
  channelName: string;
}

async function call(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** The playground's team and its General channel, from the configuration its UI reads. */
export async function playgroundTeam(playgroundUrl: string): Promise<PlaygroundTeam> {
  const { config } = (await (await call(`${playgroundUrl}/_internal/v1/testConfig`)).json()) as {
    config: { teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }> };
  };
  const team = config.teams?.[0];
  if (!team) throw new Error('the Agents Playground has no team');
  // As in Teams, the General channel shares the team's id; the playground lists it among the channels.
  const general = team.channels.find((channel) => channel.id === team.id) ?? { id: team.id, name: 'General' };
  return { teamId: team.id, teamName: team.name, channelId: general.id, channelName: general.name };
}

/**
 * Has the playground install the app in its team's General channel. The app answers with its
 * welcome card there (once per channel, however often this runs).
 */
export async function installInPlaygroundTeam(playgroundUrl: string): Promise<PlaygroundTeam> {
  const team = await playgroundTeam(playgroundUrl);
  await call(`${playgroundUrl}/_debug/conversation/${encodeURIComponent(team.channelId)}/installation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  return team;
}
