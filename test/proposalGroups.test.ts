import { expect } from 'chai';
import { FrameContexts } from '@microsoft/teams-js';
import { groupProposals } from '../src/plans/proposalGroups';
import { viewFor } from '../tab/app/views';
import type { HostEnvironment } from '../tab/app/teams';

const proposal = (ref: string, priority: string, type: 'joint_inspection' | 'training' | 'concerted_inspection') => ({ ref, priority, type });

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
    expect(groups[0].types.map((entry) => [entry.type, entry.proposals.map((p) => p.ref)])).to.deep.equal([
      ['concerted_inspection', ['P4']],
      ['training', ['P3', 'P5']],
    ]);
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
