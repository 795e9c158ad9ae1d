import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
// The package index also loads its AI modules (openai, gpt-tokenizer: ~24 MB of RSS) we never use.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { translator } from '../src/i18n/translate';
import { languageFromLocale } from '../src/i18n/languages';
import { log } from '../src/log';
import { AuthenticationConstants, type BotFrameworkAuthentication } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import type { BotSettings } from './settings';
import { newCorrelationId, peekTurnInfo } from './turn';
import { ClientReusingAuthentication } from './connectorReuse';
import { invokeMessageBody } from './invokeRouting';

/** TeamsAdapter builds its authentication itself; this one wraps it to reuse connector clients across turns. */
export class CooperationDeskAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const reusing: BotFrameworkAuthentication = new ClientReusingAuthentication(this.botFrameworkAuthentication);
    Object.defineProperty(this, 'botFrameworkAuthentication', { value: reusing });
  }

  /**
   * Authenticates and runs one turn, throwing what went wrong as it is. CloudAdapter.process would
   * answer a failure itself, with the error's message (internals, the metadata URL) as the body.
   */
  runTurn(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * The public cloud's settings with another OpenID metadata document (tests, a proxy). botbuilder
 * takes all of them from the configuration once one is given, so each is named here.
 */
function publicCloudWithMetadata(metadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * CloudAdapter with Bot Framework authentication from the configuration. Without an app id it
 * authenticates nothing, which is why local mode only listens on loopback.
 */
export function createAdapter(config: BotSettings): CooperationDeskAdapter {
  const adapter = new CooperationDeskAdapter({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    // The SDK insists on an app id for SingleTenant; local mode has none and authenticates nothing.
    MicrosoftAppType: config.appId ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.appTenantId ?? '',
    ...(config.botOpenIdMetadataUrl ? publicCloudWithMetadata(config.botOpenIdMetadataUrl) : {}),
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const info = peekTurnInfo(context);
    const correlationId = info?.correlationId ?? newCorrelationId();
    log.error('turn.failed', { correlationId, activityType: context.activity.type, activityName: context.activity.name, error });
    const t = info?.t ?? translator(languageFromLocale(context.activity.locale, config.defaultLanguage));
    const message = t('errors.unexpected', { correlationId });
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
          // A Universal Action is told it failed (Teams keeps the card); the others show the message.
          const body = invokeMessageBody(context.activity.name ?? '', message, { statusCode: 500, code: 'InternalError' });
          await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
        }
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(message);
      }
    } catch (sendError) {
      log.error('turn.apology_failed', { correlationId, error: sendError as Error });
    }
  };
  return adapter;
}
