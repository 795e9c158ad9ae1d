import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ActionDrawer } from './ActionDrawer';
import { FilterBar } from './FilterBar';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { ReportButtons } from './ReportButtons';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';
import { ViewSwitch } from './ViewSwitch';
import { YearPicker } from './YearPicker';

const useStyles = makeStyles({
  workspace: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalL },
  boardArea: { flex: '1 1 32rem', minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** Channel and personal tab: the whole year's plan, filterable, one column per status; a tile opens its detail. */
export function PlanBoard() {
  const { t } = useTabSession();
  const styles = usePageStyles();
  const layout = useStyles();
  const data = usePlanData({ withFilters: true });
  const { me, years, year } = data;
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <main className={styles.page} data-testid="view-board" data-live={data.live}>
      <IdentityBanner me={me.phase === 'loaded' ? me.value : null} />
      <header className={styles.header}>
        <div>
          <Text size={200} className={styles.brand}>
            {t('app.name')}
          </Text>
          <Text as="h1" size={700} weight="semibold" className={styles.heading}>
            {year === null ? t('tab.board.headingNoYear') : t('tab.board.heading', { year })}
          </Text>
        </div>
        <div className={styles.tools}>
          <ViewSwitch />
          {year !== null && <ReportButtons year={year} />}
          {years.phase === 'loaded' && years.value.length > 0 && <YearPicker years={years.value} year={year} onChange={data.chooseYear} />}
        </div>
      </header>
      <div className={layout.workspace}>
        <div className={layout.boardArea}>
          <PlanGate data={data}>
            {(summary, actions) => (
              <>
                <ProgressHeader summary={summary} />
                <FilterBar filters={data.filters} facets={actions.facets} shown={actions.total} total={summary.total} onChange={data.setFilters} />
                <StatusColumns actions={actions.items} testId="board" onOpen={setOpened} narrow={opened !== null} />
              </>
            )}
          </PlanGate>
        </div>
        <ActionDrawer actionRef={opened} onClose={() => setOpened(null)} onChanged={data.reload} />
      </div>
    </main>
  );
}
