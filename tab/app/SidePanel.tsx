import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useActionLabels } from './useActionLabels';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import { ACTION_STATUSES, actionsByStatus, type ActionStatus, type PlanAction } from './plan';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { STATUS_COLOR } from './statusLook';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';
import { YearPicker } from './YearPicker';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  groupHeading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
    },
  },
  rowTop: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, flexShrink: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
});

function SidePanelRow(props: { action: PlanAction }) {
  const styles = useStyles();
  const { action } = props;
  const labels = useActionLabels(action);
  return (
    <li className={styles.row} tabIndex={0} aria-label={labels.label} data-testid={`action-tile-${action.ref}`} data-status={action.status}>
      <div className={styles.rowTop}>
        <Text size={200} className={styles.ref}>
          {action.ref}
        </Text>
        <Text as="h3" size={300} weight="semibold" className={styles.title}>
          {action.title}
        </Text>
      </div>
      <div className={styles.meta}>
        <Text size={200}>{labels.type}</Text>
        {labels.states && <Text size={200}>{labels.states}</Text>}
        {labels.when && <Text size={200}>{labels.when}</Text>}
      </div>
    </li>
  );
}

function SidePanelGroup(props: { status: ActionStatus; actions: PlanAction[] }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const { status, actions } = props;
  const statusLabel = t(`plan.status.${status}`);
  const headingId = `group-heading-${status}`;
  return (
    <section data-testid={`column-${status}`} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={300} weight="semibold" className={styles.groupHeading}>
        <span>{statusLabel}</span>
        <Badge appearance="tint" color={STATUS_COLOR[status]}>
          {actions.length}
        </Badge>
      </Text>
      <ul role="list" className={styles.list} aria-label={t('tab.column.label', { status: statusLabel, count: actions.length })}>
        {actions.map((action) => (
          <SidePanelRow key={action.ref} action={action} />
        ))}
      </ul>
    </section>
  );
}

/** Meeting side panel (about 320 px wide): the plan as a compact list grouped by status. */
export function SidePanel() {
  const { t } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const data = usePlanData();
  const { me, years, year } = data;

  return (
    <main className={mergeClasses(page.page, page.compactPage)} data-testid="view-sidepanel">
      <IdentityBanner me={me.phase === 'loaded' ? me.value : null} />
      <header className={page.header}>
        <Text as="h1" size={500} weight="semibold" className={page.heading}>
          {year === null ? t('tab.board.headingNoYear') : t('tab.sidepanel.heading', { year })}
        </Text>
        {years.phase === 'loaded' && years.value.length > 0 && (
          <YearPicker years={years.value} year={year} onChange={data.chooseYear} size="small" />
        )}
      </header>
      <PlanGate data={data}>
        {(plan) => {
          const groups = actionsByStatus(plan.actions);
          return (
            <>
              <ProgressHeader plan={plan} />
              <div className={styles.groups}>
                {ACTION_STATUSES.filter((status) => groups[status].length > 0).map((status) => (
                  <SidePanelGroup key={status} status={status} actions={groups[status]} />
                ))}
              </div>
            </>
          );
        }}
      </PlanGate>
    </main>
  );
}
