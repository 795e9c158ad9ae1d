import { Button, Field, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { asApiFailure } from './api';
import { validation } from './formFields';
import type { Proposal } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    flexBasis: '100%',
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  grow: { flex: '1 1 16rem', minWidth: 0 },
});

type Outcome = { intent: 'success' | 'error'; text: string };

/** The decline reason's limit, as the domain's (REASON_MAX_LENGTH). */
const REASON_MAX_LENGTH = 1000;

/**
 * A coordinator's decision on one open proposal, in the board's list: accept it into the draft,
 * decline it with a reason, or merge it into another open proposal of its year. Shown only with
 * the reader's rights to it; the server checks them again. A refusal of the reason or the target
 * comes back at its field, with what was typed kept.
 */
export function ProposalDecision(props: { proposal: Proposal; targets: readonly Proposal[]; onChanged: (outcome: Outcome) => void }) {
  const { t, api } = useTabSession();
  const styles = useStyles();
  const { proposal, targets } = props;
  const { rights } = proposal;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [into, setInto] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const mayMerge = rights.mayMerge && targets.length > 0;
  if (!rights.mayAccept && !rights.mayDecline && !mayMerge) return null;

  const decide = async (change: 'accept' | 'decline' | 'merge') => {
    setBusy(true);
    setFields({});
    try {
      if (change === 'accept') {
        const updated = await api.acceptProposal(proposal.ref);
        props.onChanged({ intent: 'success', text: t('cycle.proposal.card.accepted', { ref: proposal.ref, action: updated.actionRef ?? '' }) });
      } else if (change === 'decline') {
        await api.declineProposal(proposal.ref, reason);
        props.onChanged({ intent: 'success', text: t('cycle.proposal.card.wasDeclined', { ref: proposal.ref }) });
      } else {
        const updated = await api.mergeProposal(proposal.ref, into);
        props.onChanged({ intent: 'success', text: t('proposals.card.wasMerged', { ref: proposal.ref, into: updated.mergedInto ?? into }) });
      }
    } catch (error) {
      const failure = asApiFailure(error);
      const own = Object.keys(failure.fields).filter((field) => field === 'reason' || field === 'into');
      if (own.length > 0) setFields(failure.fields);
      else props.onChanged({ intent: 'error', text: failure.serverMessage ?? t(`tab.state.${failure.kind}.body`) });
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button appearance="secondary" onClick={() => setOpen(true)} data-testid={`decide-${proposal.ref}`}>
        {t('proposalRoles.tab.decide')}
      </Button>
    );
  }
  return (
    <div className={styles.panel} data-testid={`decision-${proposal.ref}`} role="group" aria-label={t('proposalRoles.tab.decideHint', { ref: proposal.ref })}>
      {rights.mayAccept && (
        <div className={styles.row}>
          <Button appearance="primary" disabledFocusable={busy} onClick={() => void decide('accept')} data-testid={`accept-${proposal.ref}`}>
            {t('proposalRoles.tab.accept')}
          </Button>
        </div>
      )}
      {rights.mayDecline && (
        <div className={styles.row}>
          <Field className={styles.grow} label={t('proposalRoles.tab.reason')} {...validation(fields.reason)}>
            <Textarea value={reason} maxLength={REASON_MAX_LENGTH} resize="vertical" onChange={(_, data) => setReason(data.value)} data-testid={`decline-reason-${proposal.ref}`} />
          </Field>
          <Button disabledFocusable={busy} onClick={() => void decide('decline')} data-testid={`decline-${proposal.ref}`}>
            {t('proposalRoles.tab.decline')}
          </Button>
        </div>
      )}
      {mayMerge && (
        <div className={styles.row}>
          <Field className={styles.grow} label={t('proposalRoles.tab.mergeInto')} {...validation(fields.into)}>
            <Select value={into} onChange={(_, data) => setInto(data.value)} data-testid={`merge-target-${proposal.ref}`}>
              <option value="">{t('proposalRoles.tab.mergeChoose')}</option>
              {targets.map((target) => (
                <option key={target.ref} value={target.ref}>
                  {`${target.ref} · ${target.input.title}`}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabledFocusable={busy} onClick={() => void decide('merge')} data-testid={`merge-${proposal.ref}`}>
            {t('proposalRoles.tab.merge')}
          </Button>
        </div>
      )}
    </div>
  );
}
