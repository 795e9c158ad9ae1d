import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { DomainError, isDomainError } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { countryName } from '../../src/reference/countries';
import { naceDivisions, naceLabel } from '../../src/reference/nace';
import { listAuthorities, listMemberStates } from '../../src/reference/participants';
import { endorsementStatus } from '../../src/plans/endorsement';
import { planCycleReport } from '../../src/plans/frozenAssessment';
import { acceptProposal, declineProposal, joinProposal, mergeProposal, supportProposal } from '../../src/plans/proposals';
import { mayPropose, proposalForReader, proposalsForReader } from '../../src/plans/proposalReading';
import { listPriorities, priorityLabel, proposalPriorityText } from '../../src/plans/priorities';
import type { Proposal } from '../../src/plans/proposals';
import { submitProposal } from '../../src/plans/submitProposal';
import { sendDomainError } from './apiResponses';
import type { RouteWrapper } from './routes';
import { jsonBody, planYear } from './requestParts';
import type { CycleReportBody, EndorsementBody, ParticipantsBody, ProposalBody, ProposalCreatedBody, ProposalFormValues, ProposalListBody } from './apiTypes';

export interface CycleApiContext {
  db: Db;
  clock: Clock;
  afterWrite?: () => void;
}

// A value of the wrong type counts as not given: the domain then says "required" on its field.
const text = z.string().max(20_000).optional().catch(undefined);
const list = z.array(z.string().max(200)).max(200).optional().catch(undefined);

/** The tab's proposal form as sent; the domain checks the content, this only the shapes. */
const proposalFormSchema = z.object({
  formId: text,
  title: text,
  description: text,
  type: text,
  scope: text,
  states: list,
  leadState: text,
  leadAuthority: text,
  sectors: list,
  topics: list,
  period: text,
  funding: list,
  rationale: text,
  priorities: list,
});

const FORM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What was typed, as the form shows it again after a refusal. */
function formValues(year: number, form: z.infer<typeof proposalFormSchema>): ProposalFormValues {
  return {
    year,
    title: form.title ?? '',
    description: form.description ?? '',
    type: form.type ?? '',
    scope: form.scope ?? '',
    states: form.states ?? [],
    leadState: form.leadState ?? '',
    leadAuthority: form.leadAuthority ?? '',
    sectors: form.sectors ?? [],
    topics: form.topics ?? [],
    period: form.period ?? '',
    funding: form.funding ?? [],
    rationale: form.rationale ?? '',
    priorities: form.priorities ?? [],
  };
}

/**
 * A proposal as the tab shows it: its priorities named in the reader's language, all together and
 * each on its own (the stage shows a proposal under each priority it serves).
 */
function named<T extends Proposal>(t: Translate, language: Language, proposal: T): T & { priorityNames: string[] } {
  const priorityNames = proposal.priorities.length > 0 ? proposal.priorities.map((priority) => priorityLabel(t, language, priority)) : proposal.priority.trim() ? [proposal.priority] : [];
  return { ...proposal, priority: proposalPriorityText(t, language, proposal), priorityNames };
}

/** A body's one text field (a decline's reason, a merge's target); anything else counts as not given. */
function bodyText(req: Request, field: string): string {
  return text.parse(jsonBody(req)[field]) ?? '';
}

function participants(db: Db, t: Translate, language: Language, thisYear: number): ParticipantsBody {
  return {
    // The priorities of this year's plan and the next few, for the proposal form's choice.
    priorities: [0, 1, 2, 3].flatMap((ahead) =>
      listPriorities(db, thisYear + ahead).map((priority) => ({ year: priority.year, key: String(priority.id), label: priorityLabel(t, language, priority) })),
    ),
    memberStates: listMemberStates(db).map((state) => ({ code: state.code, name: state.names[language] ?? countryName(state.code, language) })),
    authorities: listAuthorities(db).map((authority) => ({ id: authority.id, shortName: authority.shortName, memberState: authority.memberState })),
    sectors: naceDivisions().map((division) => ({ key: division.code, label: `${division.code} – ${naceLabel(division.code, language)}` })),
  };
}

/**
 * The annual cycle's routes of the tab API: the year's endorsement per state, its amendments and
 * frozen assessment, its proposals (each with what the reader may do), a new proposal through the
 * same command as `/proposal new`, joining and supporting, and the coordinators' accept, decline
 * and merge. Plan data, not case data: no company
 * or person is named, so reads are not audited (the meeting stage reads them every few seconds);
 * every write is, by the domain command.
 */
export function registerCycleApi(server: Server, route: RouteWrapper, context: CycleApiContext): void {
  const { db, clock } = context;

  server.get(
    '/api/participants',
    route((_req, res, _member, { t, language }) => {
      res.send(200, participants(db, t, language, clock.now().getUTCFullYear()) satisfies ParticipantsBody);
    }),
  );

  server.get(
    '/api/plans/:year/endorsement',
    route((req, res) => {
      res.send(200, endorsementStatus(db, planYear(req)) satisfies EndorsementBody);
    }),
  );

  server.get(
    '/api/plans/:year/amendments',
    route((req, res) => {
      const year = planYear(req);
      res.send(200, { year, ...planCycleReport(db, year) } satisfies CycleReportBody);
    }),
  );

  server.get(
    '/api/plans/:year/proposals',
    route((req, res, member, { t, language }) => {
      const year = planYear(req);
      res.send(200, { year, proposals: proposalsForReader(db, member, year).map((proposal) => named(t, language, proposal)), viewer: { memberState: member.authority.memberState, mayPropose: mayPropose(db, member) } } satisfies ProposalListBody);
    }),
  );

  server.post(
    '/api/plans/:year/proposals',
    route((req, res, member, { correlationId, t, language }) => {
      const year = planYear(req);
      const form = proposalFormSchema.parse(jsonBody(req));
      const values = formValues(year, form);
      if (!form.formId || !FORM_ID.test(form.formId)) {
        sendDomainError(res, new DomainError({ key: 'plan.errors.formExpired' }), t, language, { values });
        return;
      }
      try {
        const result = submitProposal(
          db,
          clock,
          member,
          {
            draft: {
              year: String(year),
              title: values.title,
              description: values.description,
              type: values.type,
              scope: values.scope,
              states: values.states,
              leadState: values.leadState,
              leadAuthority: values.leadAuthority,
              sectors: values.sectors,
              topics: values.topics,
              period: values.period,
              funding: values.funding,
            },
            rationale: values.rationale,
            priorities: values.priorities,
          },
          { formId: form.formId, correlationId },
        );
        if (!result.ok) {
          sendDomainError(res, new DomainError(result.errors), t, language, { values });
          return;
        }
        context.afterWrite?.();
        const proposal = named(t, language, proposalForReader(db, member, result.proposal.ref)!);
        res.send(result.kind === 'created' ? 201 : 200, { ...proposal, created: result.kind } satisfies ProposalCreatedBody);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        sendDomainError(res, error, t, language, { values });
      }
    }),
  );

  server.post(
    '/api/proposals/:ref/join',
    route((req, res, member, { correlationId, t, language }) => {
      const proposal = joinProposal(db, clock, member, { ref: String(req.params.ref).toUpperCase(), correlationId });
      context.afterWrite?.();
      res.send(200, named(t, language, proposalForReader(db, member, proposal.ref)!) satisfies ProposalBody);
    }),
  );

  // The coordinators' decisions: the domain commands check the role and the proposal's status, and audit.
  server.post(
    '/api/proposals/:ref/accept',
    route((req, res, member, { correlationId, t, language }) => {
      const proposal = acceptProposal(db, clock, member, { ref: String(req.params.ref).toUpperCase(), correlationId });
      context.afterWrite?.();
      res.send(200, named(t, language, proposalForReader(db, member, proposal.ref)!) satisfies ProposalBody);
    }),
  );

  server.post(
    '/api/proposals/:ref/decline',
    route((req, res, member, { correlationId, t, language }) => {
      const proposal = declineProposal(db, clock, member, { ref: String(req.params.ref).toUpperCase(), reason: bodyText(req, 'reason'), correlationId });
      context.afterWrite?.();
      res.send(200, named(t, language, proposalForReader(db, member, proposal.ref)!) satisfies ProposalBody);
    }),
  );

  server.post(
    '/api/proposals/:ref/merge',
    route((req, res, member, { correlationId, t, language }) => {
      const { merged } = mergeProposal(db, clock, member, { ref: String(req.params.ref).toUpperCase(), into: bodyText(req, 'into'), correlationId });
      context.afterWrite?.();
      res.send(200, named(t, language, proposalForReader(db, member, merged.ref)!) satisfies ProposalBody);
    }),
  );

  server.post(
    '/api/proposals/:ref/support',
    route((req, res, member, { correlationId, t, language }) => {
      const proposal = supportProposal(db, clock, member, { ref: String(req.params.ref).toUpperCase(), correlationId });
      context.afterWrite?.();
      res.send(200, named(t, language, proposalForReader(db, member, proposal.ref)!) satisfies ProposalBody);
    }),
  );
}
