import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { groupProposals } from '../../src/plans/proposalGroups';
import { FailureMessage, Loading } from './LoadStates';
import type { Proposal, ProposalList } from './plan';
import { proposalLabels } from './proposalLabels';
import { useStageStyles } from './stageStyles';
import { useTabSession } from './TabSession';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // The types of one priority side by side on a wide screen.
  types: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(26rem, 100%), 1fr))', gap: tokens.spacingHorizontalXL, alignItems: 'start' },
  groupHeading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, margin: 0 },
  cards: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  cardTop: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  ref: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase500, color: tokens.colorNeutralForeground2 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  supporters: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
});

function ProposalCard(props: { proposal: Proposal; alsoServes: readonly string[] }) {
  const { t, language } = useTabSession();
  const stage = useStageStyles();
  const styles = useStyles();
  const { proposal } = props;
  const labels = proposalLabels(t, language, proposal);
  return (
    <li className={styles.card} data-testid={`annual-proposal-${proposal.ref}`} data-supporters={proposal.supporters.length} data-states={proposal.states.join(' ')}>
      <div className={styles.cardTop}>
        <Text className={styles.ref}>{proposal.ref}</Text>
        {proposal.status !== 'open' && (
          <Badge appearance="tint" color={proposal.status === 'accepted' ? 'success' : 'danger'} size="large" className={stage.badge}>
            {labels.status}
          </Badge>
        )}
      </div>
      <Text as="h4" className={styles.title}>
        {proposal.input.title}
      </Text>
      <Text className={stage.body}>{labels.lead}</Text>
      <Text className={stage.body} data-testid="annual-proposal-states">
        {labels.states}
      </Text>
      <Text className={styles.supporters} data-testid="annual-proposal-supporters">
        {labels.supporters}
      </Text>
      <Text className={stage.quiet}>{labels.proposedBy}</Text>
      {props.alsoServes.length > 0 && (
        <Text className={stage.quiet} data-testid="annual-proposal-also">
          {t('proposalRoles.stage.alsoServes', { priorities: new Intl.ListFormat(language, { type: 'conjunction' }).format(props.alsoServes) })}
        </Text>
      )}
    </li>
  );
}

/** Next year's proposals under each priority they serve, then by type, each with the states behind it. */
export function AnnualProposals(props: { year: number; proposals: Resource<ProposalList> }) {
  const { t } = useTabSession();
  const stage = useStageStyles();
  const styles = useStyles();
  const { year, proposals } = props;
  const count = proposals.phase === 'loaded' ? proposals.value.proposals.length : 0;
  const heading = (
    <Text as="h2" className={stage.sectionHeading}>
      {t('cycle.proposal.list.title', { year, count })}
    </Text>
  );
  if (proposals.phase === 'failed') {
    return (
      <section className={stage.section} data-testid="annual-proposals">
        {heading}
        <FailureMessage failure={proposals.failure} year={year} retry={proposals.retry} />
      </section>
    );
  }
  if (proposals.phase !== 'loaded') {
    return (
      <section className={stage.section} data-testid="annual-proposals">
        {heading}
        <Loading label={t('tab.loadingPlan', { year })} />
      </section>
    );
  }
  const groups = groupProposals(proposals.value.proposals.map((proposal) => ({ ...proposal, type: proposal.input.type })));
  return (
    <section className={stage.section} data-testid="annual-proposals" aria-live="polite">
      {heading}
      {groups.length === 0 && <Text className={stage.quiet}>{t('stage.proposals.empty', { year })}</Text>}
      <div className={styles.groups}>
        {groups.map((group) => (
          <section key={group.key ?? ''} className={styles.group} data-testid={`annual-priority-${group.key ?? 'none'}`}>
            <Text as="h3" className={mergeClasses(styles.groupHeading, stage.subHeading)}>
              <span>{group.label ?? t('stage.proposals.noPriority')}</span>
              <Badge appearance="tint" color="brand" size="extra-large" className={stage.badge}>
                {group.count}
              </Badge>
            </Text>
            <div className={styles.types}>
              {group.types.map((entry) => (
                <div key={entry.type} className={styles.group} data-testid={`annual-type-${entry.type}`}>
                  <Text as="p" className={stage.quiet} weight="semibold">
                    {t(`plan.type.${entry.type}`)}
                  </Text>
                  <ul className={styles.cards}>
                    {entry.proposals.map(({ proposal, alsoServes }) => (
                      <ProposalCard key={proposal.ref} proposal={proposal} alsoServes={alsoServes} />
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </section>
        ))}
      </div>
    </section>
  );
}

