import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { timeOfDay } from './formatting';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';

// Until live updates arrive, the stage polls: everyone in the meeting then sees the same plan within 15 s.
const STAGE_REFRESH_MS = 15_000;

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeHero900, lineHeight: tokens.lineHeightHero900 },
  updated: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase400 },
});

/** Meeting stage: large, read-only, progress first; nothing to click, everything readable from afar. */
export function Stage() {
  const { t, language } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const data = usePlanData({ refreshMs: STAGE_REFRESH_MS });
  const { me, year, plan } = data;

  return (
    <main className={page.page} data-testid="view-stage">
      <IdentityBanner me={me.phase === 'loaded' ? me.value : null} />
      <header className={page.header}>
        <Text as="h1" weight="semibold" className={styles.heading}>
          {year === null ? t('tab.board.headingNoYear') : t('tab.stage.heading', { year })}
        </Text>
        {plan.phase === 'loaded' && (
          <Text className={styles.updated} data-testid="refreshed-at">
            {t('tab.stage.updatedAt', { time: timeOfDay(plan.refreshedAt, language) })}
          </Text>
        )}
      </header>
      {plan.phase === 'loaded' && plan.refreshFailure && (
        <MessageBar intent="warning" data-testid="refresh-failed">
          <MessageBarBody>{t('tab.stage.refreshFailed', { time: timeOfDay(plan.refreshedAt, language) })}</MessageBarBody>
        </MessageBar>
      )}
      <PlanGate data={data}>
        {(loaded) => (
          <>
            <ProgressHeader plan={loaded} size="large" live />
            <StatusColumns actions={loaded.actions} size="large" testId="board" />
          </>
        )}
      </PlanGate>
    </main>
  );
}
