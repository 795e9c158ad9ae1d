import { expect } from 'chai';
import { FrameContexts } from '@microsoft/teams-js';
import { groupProposals } from '../src/plans/proposalGroups';
import { viewFor } from '../tab/app/views';
import type { HostEnvironment } from '../tab/app/teams';

type Type = 'joint_inspection' | 'training' | 'concerted_inspection';
const proposal = (ref: string, priority: string | string[], type: Type) => ({ ref, priorityNames: typeof priority === 'string' ? [priority] : priority, type });
const refsOf = (entries: Array<{ proposal: { ref: string } }>) => entries.map((entry) => entry.proposal.ref);

describe('grouping proposals for the annual meeting', () => {
  it('groups by priority ignoring case and spacing, biggest first, "no priority" last, then by type in the plan’s order', () => {
    const groups = groupProposals([
      proposal('P1', 'Agriculture', 'joint_inspection'),
      proposal('P2', '  ', 'training'),
      proposal('P3', 'Road transport', 'training'),
      proposal('P4', 'road   TRANSPORT ', 'concerted_inspection'),
      proposal('P5', 'Road transport', 'training'),
    ]);
    expect(groups.map((group) => [group.key, group.label, group.count])).to.deep.equal([
      ['road transport', 'Road transport', 3],
      ['agriculture', 'Agriculture', 1],
      [null, null, 1],
    ]);
    expect(groups[0].types.map((entry) => [entry.type, refsOf(entry.proposals)])).to.deep.equal([
      ['concerted_inspection', ['P4']],
      ['training', ['P3', 'P5']],
    ]);
  });

  it('shows a proposal serving two priorities under each of them, saying which other one it also serves, not under their combined name', () => {
    const groups = groupProposals([
      proposal('P1', ['Road transport', 'Posting of workers'], 'concerted_inspection'),
      proposal('P2', ['Road transport'], 'training'),
      proposal('P3', [], 'training'),
      // The same priority named twice counts once.
      proposal('P4', ['Agriculture', 'agriculture '], 'joint_inspection'),
    ]);
    expect(groups.map((group) => [group.label, group.count])).to.deep.equal([
      ['Road transport', 2],
      ['Agriculture', 1],
      ['Posting of workers', 1],
      [null, 1],
    ]);
    const road = groups[0].types.flatMap((entry) => entry.proposals);
    expect(road.map((entry) => [entry.proposal.ref, entry.alsoServes])).to.deep.equal([
      ['P1', ['Posting of workers']],
      ['P2', []],
    ]);
    const posting = groups.find((group) => group.label === 'Posting of workers')!;
    expect(posting.types.flatMap((entry) => entry.proposals).map((entry) => [entry.proposal.ref, entry.alsoServes])).to.deep.equal([['P1', ['Road transport']]]);
    expect(groups.map((group) => group.label)).not.to.include('Road transport; Posting of workers');
    expect(groups.find((group) => group.label === 'Agriculture')!.types[0].proposals[0].alsoServes).to.deep.equal([]);
  });

  it('orders groups of equal size by their label, and makes none of no proposals', () => {
    expect(groupProposals([proposal('P1', 'Construction', 'training'), proposal('P2', 'Agriculture', 'training')]).map((group) => group.label)).to.deep.equal(['Agriculture', 'Construction']);
    expect(groupProposals([])).to.deep.equal([]);
  });
});

describe('which view the tab shows', () => {
  const host = (frameContext: FrameContexts | null): HostEnvironment => ({ inTeams: frameContext !== null, theme: 'default', locale: 'en', frameContext, inMeeting: frameContext !== null, subPageId: null });

  it('shows the annual meeting for ?view=annual, and on the stage when the meeting tab was saved with &stage=annual', () => {
    expect(viewFor(host(null), '?view=annual')).to.equal('annual');
    expect(viewFor(host(null), '?view=stage&stage=annual')).to.equal('annual');
    expect(viewFor(host(FrameContexts.meetingStage), '?view=meeting&stage=annual')).to.equal('annual');
    expect(viewFor(host(FrameContexts.sidePanel), '?view=meeting&stage=annual')).to.equal('sidepanel');
    expect(viewFor(host(FrameContexts.meetingStage), '?view=meeting')).to.equal('stage');
    expect(viewFor(host(null), '?view=stage')).to.equal('stage');
  });
});
