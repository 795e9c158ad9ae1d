import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ActionDetailPanel } from './ActionDetail';
import { useActionLabels } from './useActionLabels';
import { IdentityBanner } from './IdentityBanner';
import { ROW_BUTTON, usePageStyles } from './pageStyles';
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
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  row: {
    ...ROW_BUTTON,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
    },
  },
  rowTop: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, flexShrink: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  detail: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalM}` },
});

function SidePanelRow(props: { action: PlanAction; expanded: boolean; onToggle: () => void; onChanged: () => void }) {
  const styles = useStyles();
  const { action, expanded } = props;
  const labels = useActionLabels(action);
  const detailId = `quick-update-${action.ref}`;
  return (
    <li className={styles.item} data-testid={`action-tile-${action.ref}`} data-status={action.status}>
      <button type="button" className={styles.row} aria-expanded={expanded} aria-controls={detailId} aria-label={labels.label} onClick={props.onToggle} data-testid={`row-${action.ref}`}>
        <span className={styles.rowTop}>
          <Text size={200} className={styles.ref}>
            {action.ref}
          </Text>
          <Text size={300} weight="semibold" className={styles.title}>
            {action.title}
          </Text>
        </span>
        <span className={styles.meta}>
          <Text size={200}>{labels.type}</Text>
          {labels.states && <Text size={200}>{labels.states}</Text>}
          {labels.when && <Text size={200}>{labels.when}</Text>}
        </span>
      </button>
      {expanded && (
        <div id={detailId} className={styles.detail}>
          <ActionDetailPanel actionRef={action.ref} onChanged={props.onChanged} compact />
        </div>
      )}
    </li>
  );
}

function SidePanelGroup(props: { status: ActionStatus; actions: PlanAction[]; expanded: string | null; onToggle: (ref: string) => void; onChanged: () => void }) {
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
          <SidePanelRow key={action.ref} action={action} expanded={props.expanded === action.ref} onToggle={() => props.onToggle(action.ref)} onChanged={props.onChanged} />
        ))}
      </ul>
    </section>
  );
}

/** Meeting side panel (about 320 px wide): the plan as a compact list by status; a row opens a quick update. */
export function SidePanel() {
  const { t } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const data = usePlanData();
  const { me, years, year } = data;
  const [expanded, setExpanded] = useState<string | null>(null);

  return (
    <main className={mergeClasses(page.page, page.compactPage)} data-testid="view-sidepanel" data-live={data.live}>
      <IdentityBanner me={me.phase === 'loaded' ? me.value : null} />
      <header className={page.header}>
        <Text as="h1" size={500} weight="semibold" className={page.heading}>
          {year === null ? t('tab.board.headingNoYear') : t('tab.sidepanel.heading', { year })}
        </Text>
        {years.phase === 'loaded' && years.value.length > 0 && <YearPicker years={years.value} year={year} onChange={data.chooseYear} size="small" />}
      </header>
      <PlanGate data={data}>
        {(summary, actions) => {
          const groups = actionsByStatus(actions.items);
          return (
            <>
              <ProgressHeader summary={summary} compact />
              <div className={styles.groups}>
                {ACTION_STATUSES.filter((status) => groups[status].length > 0).map((status) => (
                  <SidePanelGroup
                    key={status}
                    status={status}
                    actions={groups[status]}
                    expanded={expanded}
                    onToggle={(ref) => setExpanded((current) => (current === ref ? null : ref))}
                    onChanged={data.reload}
                  />
                ))}
              </div>
            </>
          );
        }}
      </PlanGate>
    </main>
  );
}
