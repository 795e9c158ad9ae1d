import { Badge, Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { asApiFailure } from './api';
import { FailureMessage, Loading } from './LoadStates';
import type { Proposal, ProposalList } from './plan';
import { proposalLabels } from './proposalLabels';
import { ProposalDecision } from './ProposalDecision';
import { useTabSession } from './TabSession';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, flex: '1 1 20rem' },
  top: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

type Message = { intent: 'success' | 'error'; text: string } | null;

function ProposalRow(props: { proposal: Proposal; targets: readonly Proposal[]; onChanged: (message: Message) => void }) {
  const { t, language, api } = useTabSession();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const { proposal } = props;
  const labels = proposalLabels(t, language, proposal);

  const act = async (change: 'join' | 'support') => {
    setBusy(true);
    try {
      const updated = change === 'join' ? await api.joinProposal(proposal.ref) : await api.supportProposal(proposal.ref);
      const text =
        change === 'join'
          ? t('cycle.proposal.card.joined', { state: updated.states.find((state) => !proposal.states.includes(state)) ?? '', ref: proposal.ref })
          : t('cycle.proposal.card.supported', { authority: updated.supporters.at(-1)?.shortName ?? '', ref: proposal.ref });
      props.onChanged({ intent: 'success', text });
    } catch (error) {
      const failure = asApiFailure(error);
      props.onChanged({ intent: 'error', text: failure.serverMessage ?? t(`tab.state.${failure.kind}.body`) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={styles.item} data-testid={`proposal-${proposal.ref}`} data-status={proposal.status}>
      <div className={styles.text}>
        <span className={styles.top}>
          <Text size={200} className={styles.ref}>
            {proposal.ref}
          </Text>
          <Text size={400} weight="semibold" className={styles.title}>
            {proposal.input.title}
          </Text>
          {proposal.status !== 'open' && (
            <Badge appearance="tint" color={proposal.status === 'accepted' ? 'success' : 'danger'}>
              {labels.status}
            </Badge>
          )}
        </span>
        <Text size={200} className={styles.meta}>
          {[labels.type, labels.priority, labels.proposedBy].join(' · ')}
        </Text>
        <Text size={300} data-testid="proposal-states">
          {labels.states}
        </Text>
        <Text size={300} data-testid="proposal-supporters">
          {labels.supporters}
        </Text>
      </div>
      <div className={styles.buttons}>
        {proposal.rights.mayJoin && (
          <Button disabledFocusable={busy} onClick={() => void act('join')} data-testid={`join-${proposal.ref}`}>
            {t('cycle.proposal.card.join')}
          </Button>
        )}
        {proposal.rights.maySupport && (
          <Button disabledFocusable={busy} onClick={() => void act('support')} data-testid={`support-${proposal.ref}`}>
            {t('cycle.proposal.card.support')}
          </Button>
        )}
      </div>
      <ProposalDecision proposal={proposal} targets={props.targets} onChanged={props.onChanged} />
    </li>
  );
}

/**
 * The board's proposals for its year: each with who takes part and supports it, the reader's Join
 * and Support, and a coordinator's decision (accept, decline with a reason, merge into another).
 */
export function ProposalsSection(props: { year: number; proposals: Resource<ProposalList>; onChanged: () => void; message: Message; onMessage: (message: Message) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const { year, proposals } = props;
  const count = proposals.phase === 'loaded' ? proposals.value.proposals.length : 0;
  return (
    <section className={styles.root} data-testid="proposals" aria-labelledby="proposals-heading">
      <Text as="h2" id="proposals-heading" size={500} weight="semibold" className={styles.title}>
        {t('cycle.proposal.list.title', { year, count })}
      </Text>
      {props.message && (
        <MessageBar intent={props.message.intent} data-testid="proposal-message" data-intent={props.message.intent}>
          <MessageBarBody>{props.message.text}</MessageBarBody>
        </MessageBar>
      )}
      {proposals.phase === 'failed' && <FailureMessage failure={proposals.failure} year={year} retry={proposals.retry} />}
      {(proposals.phase === 'loading' || proposals.phase === 'idle') && <Loading label={t('tab.loadingPlan', { year })} />}
      {proposals.phase === 'loaded' && count === 0 && <Text>{t('stage.proposals.empty', { year })}</Text>}
      {proposals.phase === 'loaded' && count > 0 && (
        <ul className={styles.list}>
          {proposals.value.proposals.map((proposal) => (
            <ProposalRow
              key={proposal.ref}
              proposal={proposal}
              targets={proposals.value.proposals.filter((other) => other.ref !== proposal.ref && other.status === 'open')}
              onChanged={(message) => {
                props.onMessage(message);
                props.onChanged();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export type { Message as ProposalMessage };
