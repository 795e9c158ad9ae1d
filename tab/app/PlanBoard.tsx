import { makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ActionDrawer } from './ActionDrawer';
import { FilterBar } from './FilterBar';
import { PageHeader } from './PageHeader';
import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { ReportButtons } from './ReportButtons';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';
import { YearPicker } from './YearPicker';
import { ProposalForm } from './ProposalForm';
import { ProposalsSection, type ProposalMessage } from './ProposalsSection';
import { useResource } from './useResource';

const useStyles = makeStyles({
  workspace: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalL },
  boardArea: { flex: '1 1 32rem', minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** Channel and personal tab: the whole year's plan, filterable, one column per status; a tile opens its detail. */
export function PlanBoard() {
  const { t, api } = useTabSession();
  const styles = usePageStyles();
  const layout = useStyles();
  const reloadProposals = useRef<() => void>(() => undefined);
  const data = usePlanData({ withFilters: true, alsoReload: () => reloadProposals.current() });
  const { me, years, year } = data;
  const [opened, setOpened] = useState<string | null>(null);
  const [proposalMessage, setProposalMessage] = useState<ProposalMessage>(null);
  const proposals = useResource(year === null ? null : `proposals:${year}`, () => api.proposals(year!));
  reloadProposals.current = proposals.reload;
  const mayPropose = proposals.phase === 'loaded' && proposals.value.viewer.mayPropose;

  return (
    <main className={styles.page} data-testid="view-board" data-live={data.live}>
      <PageHeader
        me={me.phase === 'loaded' ? me.value : null}
        heading={year === null ? t('tab.board.headingNoYear') : t('tab.board.heading', { year })}
        tools={
          <>
              {mayPropose && (
                <ProposalForm
                  defaultYear={new Date().getUTCFullYear() + 1}
                  onCreated={(proposal) => {
                    setProposalMessage({ intent: 'success', text: t(proposal.created === 'created' ? 'cycle.proposal.created' : 'cycle.proposal.alreadyCreated', { ref: proposal.ref, year: proposal.year }) });
                    // The list shows the proposal's year: the board moves there if it showed another.
                    if (proposal.year !== year) data.chooseYear(proposal.year);
                    else proposals.reload();
                  }}
                />
              )}
              {year !== null && <ReportButtons year={year} />}
              {years.phase === 'loaded' && years.value.length > 0 && <YearPicker years={years.value} year={year} onChange={data.chooseYear} />}
          </>
        }
      />
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
      {/* A decision can add an action to the board (an accepted proposal): the board reloads with the list. */}
      {year !== null && <ProposalsSection year={year} proposals={proposals} onChanged={data.reload} message={proposalMessage} onMessage={setProposalMessage} />}
    </main>
  );
}
