import type { TurnContext } from 'botbuilder';
import { planCycleReport } from '../../src/plans/frozenAssessment';
import { planAssessment } from '../../src/plans/planSummary';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { identityNotice } from '../reply';
import { actingTurn } from '../turn';
import { cycleReportLines } from './cycleViews';
import { boardLink, reportLinks } from './planLinks';
import { planReportCard } from './planViews';

/** `/plan <year> report`: the assessment (frozen once assessed), what moved since, the amendments, and the links. */
export async function reportCard(context: TurnContext, deps: BotDeps, year: number): Promise<AdaptiveCard> {
  const { t, language, member } = actingTurn(context);
  const assessment = planAssessment(deps.db, year);
  const links = await reportLinks(deps, member, year, language);
  const lines = cycleReportLines(t, language, planCycleReport(deps.db, year));
  return planReportCard(t, language, assessment, links ? { ...links, boardUrl: boardLink(deps, year) } : null, identityNotice(context), lines);
}
