import { Badge, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { timeOfDay } from './formatting';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeHero900, lineHeight: tokens.lineHeightHero900 },
  updated: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase400 },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/**
 * Meeting stage: large, read-only, progress first; nothing to click, everything readable from afar.
 * Updates arrive live (server-sent events); while the stream is down it polls and says so.
 */
export function Stage() {
  const { t, language } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const data = usePlanData();
  const { me, year, summary, actions, live } = data;
  const refreshedAt = actions.phase === 'loaded' ? actions.refreshedAt : null;
  const refreshFailed = (summary.phase === 'loaded' && summary.refreshFailure) || (actions.phase === 'loaded' && actions.refreshFailure);

  return (
    <main className={page.page} data-testid="view-stage" data-live={live}>
      <IdentityBanner me={me.phase === 'loaded' ? me.value : null} />
      <header className={page.header}>
        <Text as="h1" weight="semibold" className={styles.heading}>
          {year === null ? t('tab.board.headingNoYear') : t('tab.stage.heading', { year })}
        </Text>
        {refreshedAt && (
          <div className={styles.status}>
            {live === 'live' && (
              <Badge appearance="filled" color="success" size="large" data-testid="live-badge">
                {t('tab.stage.live')}
              </Badge>
            )}
            <Text className={styles.updated} data-testid="refreshed-at">
              {t('tab.stage.updatedAt', { time: timeOfDay(refreshedAt, language) })}
            </Text>
          </div>
        )}
      </header>
      {refreshedAt && (refreshFailed || live === 'offline') && (
        <MessageBar intent="warning" data-testid="refresh-failed">
          <MessageBarBody>{t(refreshFailed ? 'tab.stage.refreshFailed' : 'tab.stage.offline', { time: timeOfDay(refreshedAt, language) })}</MessageBarBody>
        </MessageBar>
      )}
      <PlanGate data={data}>
        {(loadedSummary, loadedActions) => (
          <>
            <ProgressHeader summary={loadedSummary} size="large" live />
            <StatusColumns actions={loadedActions.items} size="large" testId="board" />
          </>
        )}
      </PlanGate>
    </main>
  );
}
