import { expect } from 'chai';
import { assertValidCard } from './helpers/cardValidator';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { loadParticipants } from '../src/reference/participants';
import { naceDivisions } from '../src/reference/nace';
import type { ActionDetail, TimelineEntry } from '../src/plans/actionQueries';
import type { PlanAssessment, Breakdown } from '../src/plans/planSummary';
import { ACTION_STATUSES, ACTION_TOPICS, ACTION_TYPES, FUNDING_SOURCES, type ActionStatus } from '../src/plans/vocabulary';
import { actionCard, actionListCard, statusPostCard } from '../bot/plans/actionViews';
import { actionFormCard, ACTION_FORM_FIELDS, emptyActionForm } from '../bot/plans/actionForm';
import { carryOverConfirmationCard, carryOverResultCard, planReportCard, planSummaryCard } from '../bot/plans/planViews';
import type { Authority } from '../src/reference/participants';
import { agreeCard, cycleReportLines, endorseCard, endorsementCard } from '../bot/plans/cycleViews';
import { proposalCard, proposalListCard } from '../bot/plans/proposalViews';
import { withReaderViews } from '../bot/cards/readerViews';
import type { Proposal } from '../src/plans/proposals';
import { draftCard, prioritiesCard, PRIORITY_ROWS } from '../bot/plans/priorityViews';
import type { DraftPlan } from '../src/plans/draftPlan';

const LONG = 'Ç'.repeat(200);
const NOTE = 'N'.repeat(1000);

const participants = loadParticipants();
const authorities: Authority[] = participants.authorities.map((a) => ({ id: a.id, memberState: a.memberState, type: a.type, role: a.role, shortName: a.shortName, names: a.names }));
const memberStates = participants.memberStates.map((s) => ({ code: s.code, names: s.names }));

function entry(i: number): TimelineEntry {
  return {
    kind: i % 3 === 0 ? 'note' : 'status',
    at: '2024-10-03T14:05:00Z',
    by: { name: 'N'.repeat(80), authority: { id: 'ES-TGSS', shortName: 'TGSS', memberState: 'ES' } },
    statusFrom: 'planned',
    statusTo: 'initiated',
    noteLanguage: 'it',
    note: NOTE,
    version: i + 2,
  };
}

function worstAction(status: ActionStatus = 'initiated'): ActionDetail {
  return {
    ref: '2024-142',
    year: 2024,
    title: LONG,
    description: 'D'.repeat(4000),
    type: 'information_exchange',
    scope: 'multilateral',
    status,
    statusReason: NOTE,
    leadState: 'PT',
    leadAuthority: { id: 'PT-ACT', shortName: 'ACT' },
    states: ['ES', 'FR', 'IT', 'PT'],
    sectors: naceDivisions().slice(0, 20).map((d) => d.code),
    topics: [...ACTION_TOPICS],
    period: '2024-Q4',
    startDate: '2024-10-01',
    endDate: '2024-12-20',
    places: Array.from({ length: 6 }, () => ({ city: 'C'.repeat(40), region: null, country: 'PT' })),
    funding: [...FUNDING_SOURCES],
    originRef: '2023-115',
    version: 57,
    updatedAt: '2024-10-03T14:05:00Z',
    authorities: authorities.map((a) => ({ id: a.id, shortName: a.shortName, memberState: a.memberState })),
    sourceNote: NOTE,
    carriedToRef: '2025-101',
    allowedNext: ['implemented', 'postponed', 'cancelled'],
    timeline: Array.from({ length: 50 }, (_, i) => entry(i)),
  };
}

function group(key: string, total = 40): Breakdown {
  return { key, total, counts: { planned: 5, initiated: 10, implemented: 20, postponed: 3, cancelled: 2 }, implementedRate: 0.5 };
}

function worstAssessment(): PlanAssessment {
  return {
    year: 2024,
    status: 'agreed',
    agreedActionCount: 42,
    agreedAt: '2023-11',
    agreedPlace: 'Porto',
    total: 120,
    counts: { planned: 20, initiated: 30, implemented: 50, postponed: 10, cancelled: 10 },
    implementedRate: 50 / 120,
    byState: ['ES', 'FR', 'IT', 'PT'].map((key) => ({ ...group(key), lead: 12, participant: 28 })),
    byType: ACTION_TYPES.map((key) => group(key)),
    statusRates: Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0.2])) as Record<ActionStatus, number>,
    byPair: ['ES-FR', 'ES-IT', 'ES-PT', 'FR-IT', 'FR-PT', 'IT-PT'].map((key) => group(key)),
    bySector: ['', ...naceDivisions().map((d) => d.code)].map((key) => group(key)),
    byPriority: [...Array.from({ length: 12 }, (_, i) => group(String(i + 1))), group('')],
    priorities: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, sector: naceDivisions()[i].code, topic: ACTION_TOPICS[i % ACTION_TOPICS.length] })),
    notImplemented: Array.from({ length: 70 }, (_, i) => ({
      ref: `2024-${100 + i}`,
      title: LONG,
      type: 'joint_inspection' as const,
      status: 'postponed' as const,
      leadState: 'ES',
      states: ['ES', 'PT'],
      lastNote: { note: NOTE, at: '2024-10-03T14:05:00Z', authorityShortName: 'URSSAF', memberState: 'FR' },
      carriedToRef: '2025-101',
    })),
  };
}

const carryItems = Array.from({ length: 60 }, (_, i) => ({ fromRef: `2024-${100 + i}`, title: LONG, status: 'initiated' as const, toRef: `2025-${100 + i}` }));

describe('Adaptive Cards of the annual plan', () => {
  for (const language of LANGUAGES) {
    const t = translator(language);

    it(`action card is valid and under the size limit in ${language}: every fact, a long timeline, errors and a notice`, () => {
      for (const status of ACTION_STATUSES) assertValidCard(actionCard(t, language, worstAction(status)));
      assertValidCard(
        actionCard(t, language, worstAction(), {
          notice: t('identity.localDemo', { authority: 'ACT', state: 'PT' }),
          message: t('plan.errors.stale', { ref: '2024-142', by: 'TGSS (ES)', at: '3 Oct 2024', status: t('plan.status.implemented') }),
          messageColor: 'Warning',
          values: { status: 'cancelled', note: NOTE },
          errors: { status: t('plan.errors.statusRequired'), note: t('plan.errors.reasonRequired', { target: t('plan.status.cancelled') }) },
          boardUrl: 'https://teams.microsoft.com/l/entity/00000000-0000-0000-0000-00000000b07d/planBoard?context=%7B%7D',
        }),
      );
    });

    it(`action list and channel post are valid in ${language}`, () => {
      const items = Array.from({ length: 8 }, () => worstAction());
      assertValidCard(actionListCard(t, language, { items, total: 120, hasMore: true, offset: 8, filter: { year: 2024, state: 'PT', pair: 'ES-PT', status: 'initiated', type: 'joint_inspection', sector: '43', text: LONG } }, 'n', 'https://x.example.org'));
      assertValidCard(actionListCard(t, language, { items: [], total: 0, hasMore: false, offset: 0, filter: {} }, null, null));
      assertValidCard(statusPostCard(t, language, { action: worstAction(), from: 'initiated', to: 'cancelled', note: NOTE, noteLanguage: 'es', by: authorities[0], at: '2024-10-03T14:05:00Z' }, { implemented: 50, total: 120 }, 'https://x.example.org'));
    });

    it(`new-action form is valid in ${language}, empty and with every error and long values`, () => {
      assertValidCard(actionFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values: emptyActionForm(2025), memberStates, authorities }));
      const values = { ...emptyActionForm(2025), actionTitle: LONG, description: 'D'.repeat(4000), states: 'ES,FR,IT,PT', topics: ACTION_TOPICS.join(','), sectors: naceDivisions().map((d) => d.code).join(',') };
      const errors = ACTION_FORM_FIELDS.map((field) => ({ field: field === 'actionTitle' ? 'title' : field, key: 'plan.errors.periodFormat' }));
      assertValidCard(actionFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values, errors: [...errors, { key: 'plan.errors.formExpired' }], notice: 'N', memberStates, authorities }));
    });

    it(`summary, report and carry-over cards are valid in ${language} at their largest`, () => {
      const assessment = worstAssessment();
      assertValidCard(planSummaryCard(t, language, assessment, { boardUrl: 'https://x.example.org' }, 'n'));
      assertValidCard(planSummaryCard(t, language, { ...assessment, total: 0, byState: [], byType: [] }, { boardUrl: null }, null));
      const links = { report: `https://x.example.org/report/2024?ticket=${'t'.repeat(200)}`, assessmentCsv: 'https://x.example.org/a', actionsCsv: 'https://x.example.org/b', boardUrl: 'https://x.example.org/c' };
      assertValidCard(planReportCard(t, language, assessment, links, 'n'));
      assertValidCard(planReportCard(t, language, { ...assessment, notImplemented: [], byPair: [] }, null, null));
      const plan = { fromYear: 2024, toYear: 2025, targetStatus: null, toCopy: carryItems, alreadyCarried: carryItems, cancelled: 12 };
      assertValidCard(carryOverConfirmationCard(t, plan, 'n', 'https://x.example.org'));
      assertValidCard(carryOverConfirmationCard(t, { ...plan, toCopy: [] }, null, null));
      assertValidCard(carryOverResultCard(t, { ...plan, toCopy: [], copied: carryItems, planCreated: true }, 'n', null));
    });

    it(`endorse, agree, endorsement cards and the report with the cycle's lines are valid in ${language} at their largest`, () => {
      const actions = Array.from({ length: 60 }, () => worstAction());
      assertValidCard(endorseCard(t, language, { year: 2025, state: 'PT', actions }, { place: 'P'.repeat(2000), error: t('cycle.errors.placeTooLong', { max: 100 }) }, 'n'));
      assertValidCard(endorseCard(t, language, { year: 2025, state: 'PT', actions: [] }, { place: '', error: '' }, null));
      assertValidCard(agreeCard(t, 2025, { place: 'P'.repeat(2000), error: t('cycle.errors.placeRequired') }, 'n'));
      const states = Array.from({ length: 30 }, (_, i) => ({ state: ['ES', 'FR', 'IT', 'PT'][i % 4], endorsedAt: i % 2 ? '2024-11-20T10:00:00Z' : null, authorityShortName: 'URSSAF' }));
      const plan = { year: 2025, status: 'agreed' as const, agreedActionCount: 42, agreedAt: '2024-11-20T10:00:00Z', agreedPlace: 'P'.repeat(100), meetingPlace: 'P'.repeat(100) };
      assertValidCard(endorsementCard(t, language, { plan, states }, { agreedPost: true, notice: null }));
      assertValidCard(endorsementCard(t, language, { plan: { ...plan, status: 'draft', agreedAt: null }, states: [] }, { agreedPost: false, notice: 'n' }));
      const amendments = Array.from({ length: 80 }, (_, i) => ({ ref: `2024-${100 + i}`, title: LONG, kind: i % 2 ? ('added' as const) : ('cancelled' as const), at: '2024-12-01T10:00:00Z', authorityShortName: 'ACT' }));
      const changes = ['total', ...ACTION_STATUSES].map((figure) => ({ figure, frozen: 10, now: 12 }));
      const lines = cycleReportLines(t, language, { frozenAt: '2025-01-15T10:00:00Z', changes, amendments });
      const links = { report: `https://x.example.org/report/2024?ticket=${'t'.repeat(200)}`, assessmentCsv: 'https://x.example.org/a', actionsCsv: 'https://x.example.org/b', boardUrl: 'https://x.example.org/c' };
      assertValidCard(planReportCard(t, language, worstAssessment(), links, 'n', lines));
    });

    it(`priorities card and draft view are valid and under the size limit in ${language} at their largest`, () => {
      const priorities = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, year: 2025, sector: naceDivisions()[i + 20].code, topic: ACTION_TOPICS[i % ACTION_TOPICS.length], position: i + 1, removed: false }));
      const rows = Array.from({ length: PRIORITY_ROWS }, () => ({ sector: '41', topic: 'osh_accidents' }));
      const errors = Array.from({ length: PRIORITY_ROWS }, (_, i) => [{ field: `sector${i + 1}`, key: 'priorities.errors.unknownSector', vars: { value: 'X'.repeat(20) } }, { field: `topic${i + 1}`, key: 'priorities.errors.unknownTopic', vars: { value: 'X'.repeat(40) } }]).flat();
      assertValidCard(prioritiesCard(t, language, 2025, priorities, { editable: true, version: 9, rows, errors, keep: '1,2,3', notice: 'n' }));
      assertValidCard(prioritiesCard(t, language, 2025, [], { editable: true, version: 0 }));
      assertValidCard(prioritiesCard(t, language, 2025, priorities, { editable: false, version: 9, message: 'm', messageColor: 'Warning' }));
      const action = { ...worstAction('planned') };
      const draft: DraftPlan = {
        year: 2025,
        plan: { year: 2025, status: 'draft', agreedActionCount: null, agreedAt: null, agreedPlace: null },
        actions: Array.from({ length: 90 }, (_, i) => ({ action: { ...action, ref: `2025-${i + 1}` }, origin: (['carried_over', 'proposal', 'added'] as const)[i % 3], originRef: i % 3 === 2 ? null : 'P2025-101', priorities })),
        counts: { carried_over: 30, proposal: 30, added: 30 },
        openProposals: [],
        priorities,
      };
      assertValidCard(draftCard(t, language, draft, 'n'));
      assertValidCard(draftCard(t, language, { ...draft, plan: null, actions: [], counts: { carried_over: 0, proposal: 0, added: 0 } }, null));
    });

    it(`proposal form, card and list are valid in ${language} at their largest`, () => {
      const values = { ...emptyActionForm(2025), actionTitle: LONG, description: 'D'.repeat(4000), states: 'ES,FR,IT,PT', topics: ACTION_TOPICS.join(','), sectors: naceDivisions().map((d) => d.code).join(',') };
      const errors = [...ACTION_FORM_FIELDS, 'rationale', 'priorities'].map((field) => ({ field: field === 'actionTitle' ? 'title' : field, key: 'plan.errors.periodFormat' }));
      const labels = t('cycle.proposal.form', { returnObjects: true }) as unknown as Record<string, string>;
      assertValidCard(actionFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values, errors, notice: 'N', memberStates, authorities }, {
          template: 'proposalForm',
          labels,
          values: { rationale: 'R'.repeat(2000), priorities: '1,2' },
          choices: { priorities: Array.from({ length: 12 }, (_, i) => ({ title: `${i} ${LONG}`, value: String(i) })) },
          data: { verb: 'proposal.update', ref: 'P2025-101', version: '9', noPriorities: '' },
        }));
      assertValidCard(actionFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values, notice: 'N', memberStates, authorities }, { template: 'proposalForm', labels, values: { rationale: '', priorities: '' }, choices: { priorities: [] }, data: { verb: 'proposal.create', ref: '', version: '', noPriorities: 'none' } }));
      const proposal: Proposal = {
        ref: 'P2025-101',
        year: 2025,
        input: { year: 2025, title: LONG, description: 'D'.repeat(4000), type: 'joint_inspection', scope: 'multilateral', states: ['ES', 'FR', 'IT', 'PT'], leadState: 'PT', leadAuthorityId: null, sectors: [], topics: [], period: null, funding: [] },
        rationale: 'R'.repeat(2000),
        priority: 'P'.repeat(200),
        status: 'open',
        decisionReason: null,
        actionRef: null,
        proposedBy: { authorityId: 'PT-ACT', shortName: 'ACT', memberState: 'PT' },
        states: ['ES', 'FR', 'IT', 'PT'],
        joined: [],
        supporters: authorities.map((a) => ({ shortName: a.shortName, memberState: a.memberState, at: '2024-10-01T10:00:00Z' })),
        priorities: naceDivisions().slice(0, 12).map((d, i) => ({ id: i + 1, year: 2025, sector: d.code, topic: ACTION_TOPICS[i % ACTION_TOPICS.length], position: i + 1, removed: i === 11 })),
        mergedInto: null,
        mergedFrom: Array.from({ length: 20 }, (_, i) => `P2025-${i + 10}`),
        comments: Array.from({ length: 3 }, () => ({ body: 'C'.repeat(500), language: 'it' as const, authority: { shortName: 'INL', memberState: 'IT' }, at: '2024-10-03T09:00:00Z' })),
        commentCount: 99,
        version: 9,
        createdAt: '2024-10-01T09:00:00Z',
      };
      const targets = Array.from({ length: 40 }, (_, i) => ({ ...proposal, ref: `P2025-${i + 200}` }));
      // The post everyone sees, and the view of a reader who may do everything (no one may: the largest), with its refresh for 60 readers.
      assertValidCard(proposalCard(t, language, proposal, { notice: 'n', message: 'm', mergeTargets: targets }));
      const everything = { mayJoin: true, maySupport: true, mayComment: true, mayChange: true, mayAccept: true, mayDecline: true, mayMerge: true, takesPart: true, supports: true };
      const viewer = { rights: everything, authority: { shortName: 'S'.repeat(40), memberState: 'PT' } };
      const largest = proposalCard(t, language, proposal, { notice: 'n', message: 'm', reason: 'X'.repeat(2000), reasonError: 'e', comment: 'C'.repeat(2000), commentError: 'e', into: 'P2025-200', intoError: 'e', mergeTargets: targets, viewer });
      const readers = Array.from({ length: 60 }, (_, i) => `29:reader-${String(i).padStart(40, '0')}`);
      assertValidCard(withReaderViews(largest, { kind: 'proposal', subject: proposal.ref }, readers, t, { button: false }));
      const verbs = JSON.stringify(largest).match(/"verb":"[\w.]+"/g)!;
      expect(verbs).to.include.members(['"verb":"proposal.join"', '"verb":"proposal.accept"', '"verb":"proposal.merge"', '"verb":"proposal.withdraw"']);
      assertValidCard(proposalCard(t, language, { ...proposal, status: 'declined', decisionReason: 'X'.repeat(1000) }));
      assertValidCard(proposalCard(t, language, { ...proposal, status: 'merged', mergedInto: 'P2025-200' }));
      assertValidCard(proposalCard(t, language, { ...proposal, status: 'withdrawn', priorities: [], priority: 'P'.repeat(200) }));
      assertValidCard(proposalListCard(t, language, 2025, Array.from({ length: 80 }, () => proposal), 'n'));
    });
  }

  it('offers only the allowed next statuses, after "keep the current one"', () => {
    const t = translator('en');
    const card = actionCard(t, 'en', { ...worstAction('planned'), allowedNext: ['initiated', 'postponed', 'cancelled'] }) as any;
    const choices = JSON.stringify(card).match(/"choices":\[[^\]]*\]/)![0];
    expect([...choices.matchAll(/"value":"(\w+)"/g)].map((m) => m[1])).to.deep.equal(['planned', 'initiated', 'postponed', 'cancelled']);
  });
});
