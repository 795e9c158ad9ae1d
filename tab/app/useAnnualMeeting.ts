import { useCallback } from 'react';
import type { CycleReport, Endorsement, Me, PlanAssessment, ProposalList } from './plan';
import type { HostEnvironment } from './teams';
import { useTabSession } from './TabSession';
import { useResource, type ReloadableResource, type Resource } from './useResource';
import { usePlanEvents, type LiveState } from './usePlanEvents';

export interface AnnualMeetingData {
  me: Resource<Me>;
  /** The plan being prepared: its proposals and its national endorsement. */
  year: number;
  /** The plan the meeting assesses: the year before. */
  assessedYear: number;
  assessment: ReloadableResource<PlanAssessment>;
  cycle: ReloadableResource<CycleReport>;
  endorsement: ReloadableResource<Endorsement>;
  proposals: ReloadableResource<ProposalList>;
  live: LiveState;
}

/** `?year=2027` (or a deep link "annual:2027") names the plan being prepared; by default next year's. */
export function annualMeetingYear(search: string, environment: HostEnvironment, today: Date = new Date()): number {
  const fromLink = /^\w+:(\d{4})$/.exec(environment.subPageId ?? '')?.[1];
  const year = Number(fromLink ?? new URLSearchParams(search).get('year'));
  return Number.isInteger(year) && year > 2000 ? year : today.getUTCFullYear() + 1;
}

/**
 * Everything the annual meeting's screen shows, kept live: the plans of both years send change
 * events (a proposal joined or supported, a state endorsing, the assessment frozen), and each
 * event reloads what is shown without blanking it.
 */
export function useAnnualMeeting(): AnnualMeetingData {
  const { api, environment } = useTabSession();
  const year = annualMeetingYear(location.search, environment);
  const assessedYear = year - 1;
  const me = useResource('me', () => api.me());
  const assessment = useResource(`assessment:${assessedYear}`, () => api.assessment(assessedYear));
  const cycle = useResource(`cycle:${assessedYear}`, () => api.cycleReport(assessedYear));
  const endorsement = useResource(`endorsement:${year}`, () => api.endorsement(year));
  const proposals = useResource(`proposals:${year}`, () => api.proposals(year));

  const { reload: reloadAssessment } = assessment;
  const { reload: reloadCycle } = cycle;
  const { reload: reloadEndorsement } = endorsement;
  const { reload: reloadProposals } = proposals;
  const reloadPrepared = useCallback(() => {
    reloadEndorsement();
    reloadProposals();
  }, [reloadEndorsement, reloadProposals]);
  const reloadAssessed = useCallback(() => {
    reloadAssessment();
    reloadCycle();
  }, [reloadAssessment, reloadCycle]);
  const livePrepared = usePlanEvents(year, reloadPrepared);
  const liveAssessed = usePlanEvents(assessedYear, reloadAssessed);
  // A year with no plan yet has no event stream: the other year's then tells whether the screen is live.
  const preparedExists = !(endorsement.phase === 'failed' && endorsement.failure.kind === 'planNotFound');
  const live = preparedExists ? livePrepared : liveAssessed;

  return { me, year, assessedYear, assessment, cycle, endorsement, proposals, live };
}
