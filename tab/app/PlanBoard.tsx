import { Text } from '@fluentui/react-components';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';
import { YearPicker } from './YearPicker';

/** Channel and personal tab: the whole year's plan, one column per status. */
export function PlanBoard() {
  const { t } = useTabSession();
  const styles = usePageStyles();
  const data = usePlanData();
  const { me, years, year } = data;

  return (
    <main className={styles.page} data-testid="view-board">
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
        {years.phase === 'loaded' && years.value.length > 0 && (
          <YearPicker years={years.value} year={year} onChange={data.chooseYear} />
        )}
      </header>
      <PlanGate data={data}>
        {(plan) => (
          <>
            <ProgressHeader plan={plan} />
            <StatusColumns actions={plan.actions} testId="board" />
          </>
        )}
      </PlanGate>
    </main>
  );
}
