import { Badge, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { timeOfDay } from './formatting';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import type { Me } from './plan';
import { useStageStyles } from './stageStyles';
import { useTabSession } from './TabSession';
import type { LiveState } from './usePlanEvents';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeHero900, lineHeight: tokens.lineHeightHero900 },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  updated: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase400 },
  updatedRoom: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase500 },
});

/**
 * The top of a read-only screen on the meeting stage: its heading, whether it follows changes live
 * and when it last had them, and a warning once it no longer does, so that nobody in the room reads
 * an old screen as the current one. `room` is the annual meeting's larger type, for the back of a room.
 */
export function StageHeader(props: { me: Me | null; heading: string; live: LiveState; refreshedAt: Date | null; refreshFailed: boolean; room?: boolean }) {
  const { t, language } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const stage = useStageStyles();
  const { refreshedAt, refreshFailed, live } = props;
  return (
    <>
      <IdentityBanner me={props.me} />
      <header className={page.header}>
        <Text as="h1" weight="semibold" className={styles.heading}>
          {props.heading}
        </Text>
        {refreshedAt && (
          <div className={styles.status}>
            {live === 'live' && (
              <Badge appearance="filled" color="success" size={props.room ? 'extra-large' : 'large'} className={props.room ? stage.badge : undefined} data-testid="live-badge">
                {t('tab.stage.live')}
              </Badge>
            )}
            <Text className={props.room ? styles.updatedRoom : styles.updated} data-testid="refreshed-at">
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
    </>
  );
}
