import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ActionTile } from './ActionTile';
import { ACTION_STATUSES, actionsByStatus, type ActionStatus, type PlanAction } from './plan';
import { STATUS_COLOR } from './statusLook';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(11rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    // Mobile Teams and narrow windows: one column per status, stacked.
    '@media (max-width: 64rem)': { gridTemplateColumns: 'repeat(auto-fit, minmax(15rem, 1fr))' },
    '@media (max-width: 36rem)': { gridTemplateColumns: '1fr' },
  },
  gridLarge: { gap: tokens.spacingHorizontalXL },
  // Beside an open detail pane the board has less room: columns wrap instead of squeezing.
  gridNarrow: { gridTemplateColumns: 'repeat(auto-fit, minmax(13rem, 1fr))' },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
  },
  headingLarge: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground2, padding: tokens.spacingHorizontalXS },
});

function StatusColumn(props: { status: ActionStatus; actions: PlanAction[]; size: 'medium' | 'large'; onOpen?: (ref: string) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const { status, actions, size } = props;
  const large = size === 'large';
  const headingId = `column-heading-${status}`;
  const statusLabel = t(`plan.status.${status}`);
  return (
    <section className={styles.column} data-testid={`column-${status}`} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={mergeClasses(styles.heading, large && styles.headingLarge)}>
        <span>{statusLabel}</span>
        <Badge appearance="tint" color={STATUS_COLOR[status]} size={large ? 'extra-large' : 'large'}>
          {actions.length}
        </Badge>
      </Text>
      {actions.length === 0 ? (
        <Text className={styles.empty}>{t('tab.column.empty')}</Text>
      ) : (
        <ul role="list" className={styles.list} aria-label={t('tab.column.label', { status: statusLabel, count: actions.length })}>
          {actions.map((action) => (
            <li key={action.ref}>
              <ActionTile action={action} size={size} onOpen={props.onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The plan as one column per status, in the order an action moves through them; `onOpen` makes tiles open the detail. */
export function StatusColumns(props: { actions: PlanAction[]; size?: 'medium' | 'large'; testId?: string; onOpen?: (ref: string) => void; narrow?: boolean }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const size = props.size ?? 'medium';
  const groups = actionsByStatus(props.actions);
  return (
    <div
      className={mergeClasses(styles.grid, size === 'large' && styles.gridLarge, props.narrow && styles.gridNarrow)}
      role="region"
      aria-label={t('tab.board.columns')}
      data-testid={props.testId}
    >
      {ACTION_STATUSES.map((status) => (
        <StatusColumn key={status} status={status} actions={groups[status]} size={size} onOpen={props.onOpen} />
      ))}
    </div>
  );
}
