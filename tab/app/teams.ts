import { app, authentication, FrameContexts, pages } from '@microsoft/teams-js';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Where the page runs and how it should look; outside Teams, the query string stands in for Teams. */
export interface HostEnvironment {
  inTeams: boolean;
  theme: TeamsTheme;
  locale: string;
  frameContext: FrameContexts | null;
  inMeeting: boolean;
  /** What a deep link asked for ("board:2024"), from Teams' subPageId; null outside Teams. */
  subPageId: string | null;
}

// Inside a foreign iframe app.initialize() never settles; top-level outside Teams it rejects fast.
const INITIALIZE_TIMEOUT_MS = 3000;

export function themeFromName(name: string | null | undefined): TeamsTheme {
  // Teams also reports 'glass', which has no Fluent v9 Teams theme: the light theme is its closest.
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

export function browserEnvironment(search: string = location.search): HostEnvironment {
  const query = new URLSearchParams(search);
  return {
    inTeams: false,
    theme: themeFromName(query.get('theme')),
    locale: query.get('locale') ?? navigator.language,
    frameContext: null,
    inMeeting: false,
    subPageId: null,
  };
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => window.setTimeout(() => reject(new Error('teams-initialize-timeout')), ms));
}

export async function connectToHost(): Promise<HostEnvironment> {
  try {
    await Promise.race([app.initialize(), timeout(INITIALIZE_TIMEOUT_MS)]);
  } catch {
    return browserEnvironment();
  }
  const context = await app.getContext();
  return {
    inTeams: true,
    theme: themeFromName(context.app.theme),
    locale: context.app.locale,
    frameContext: context.page.frameContext ?? null,
    inMeeting: Boolean(context.meeting?.id),
    subPageId: context.page.subPageId ?? null,
  };
}

export function onHostThemeChange(environment: HostEnvironment, handler: (theme: TeamsTheme) => void): void {
  if (!environment.inTeams) return;
  app.registerOnThemeChangeHandler((name) => handler(themeFromName(name)));
}

/** Tells Teams to drop its loading indicator; only meaningful inside Teams. */
export function reportLoaded(environment: HostEnvironment): void {
  if (!environment.inTeams) return;
  app.notifyAppLoaded();
  void app.notifySuccess();
}

/**
 * The Teams SSO token for our API, or null outside Teams. A refused token (no consent, SSO not
 * configured) also yields null: the API then answers 401 and the page says so in the user's language.
 */
export async function ssoToken(environment: HostEnvironment): Promise<string | null> {
  if (!environment.inTeams) return null;
  try {
    return await authentication.getAuthToken();
  } catch (error) {
    console.warn('Teams SSO token refused', error);
    return null;
  }
}

export type StageChoice = 'progress' | 'annual';

/**
 * The configurable tab's Save: a channel gets the board; a meeting gets the meeting view, which picks
 * the side panel or the stage at run time from where Teams shows it, the stage showing the plan's
 * progress or the annual meeting as chosen. Called again when the choice changes.
 */
export function registerTabConfiguration(environment: HostEnvironment, suggestedDisplayName: string, stage: StageChoice = 'progress'): void {
  if (!environment.inTeams) return;
  const view = environment.inMeeting ? 'meeting' : 'board';
  const annual = environment.inMeeting && stage === 'annual';
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        contentUrl: `${location.origin}/tab/?view=${view}${annual ? '&stage=annual' : ''}`,
        entityId: `cooperation-desk-plan-${view}${annual ? '-annual' : ''}`,
        suggestedDisplayName,
      })
      .then(
        () => save.notifySuccess(),
        (error: unknown) => save.notifyFailure(error instanceof Error ? error.message : String(error)),
      );
  });
  pages.config.setValidityState(true);
}
