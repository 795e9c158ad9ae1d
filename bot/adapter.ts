import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
// The package index also loads its AI modules (openai, gpt-tokenizer: ~24 MB of RSS) we never use.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { translator } from '../src/i18n/translate';
import { languageFromLocale } from '../src/i18n/languages';
import { log } from '../src/log';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from './config';
import { newCorrelationId, peekTurnInfo } from './turn';
import { ClientReusingAuthentication } from './connectorReuse';

/** TeamsAdapter builds its authentication itself; this one wraps it to reuse connector clients across turns. */
class CooperationDeskAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const reusing: BotFrameworkAuthentication = new ClientReusingAuthentication(this.botFrameworkAuthentication);
    Object.defineProperty(this, 'botFrameworkAuthentication', { value: reusing });
  }
}

/**
 * CloudAdapter with Bot Framework authentication from the configuration. Without an app id it
 * authenticates nothing, which is why local mode only listens on loopback.
 */
export function createAdapter(config: Config): TeamsAdapter {
  const adapter = new CooperationDeskAdapter({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    // The SDK insists on an app id for SingleTenant; local mode has none and authenticates nothing.
    MicrosoftAppType: config.appId ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.appTenantId ?? '',
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
          await context.sendActivity({
            type: 'invokeResponse',
            value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message } },
          });
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
