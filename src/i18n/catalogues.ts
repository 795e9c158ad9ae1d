import type { Language } from './languages';
import enCommon from './locales/en/common.json';
import enPlan from './locales/en/plan.json';
import enTab from './locales/en/tab.json';
import enAlerts from './locales/en/alerts.json';
import enInspections from './locales/en/inspections.json';
import enCycle from './locales/en/cycle.json';
import enRequests from './locales/en/requests.json';
import enPriorities from './locales/en/priorities.json';
import enStage from './locales/en/stage.json';
import enStates from './locales/en/states.json';
import enTabRequests from './locales/en/tabRequests.json';
import enSearch from './locales/en/search.json';
import enMine from './locales/en/mine.json';
import enAlertEdit from './locales/en/alertEdit.json';
import enProposalRoles from './locales/en/proposalRoles.json';
import enRequestNotices from './locales/en/requestNotices.json';
import enStateAdmin from './locales/en/stateAdmin.json';
import enAlertTab from './locales/en/alertTab.json';
import frCommon from './locales/fr/common.json';
import frPlan from './locales/fr/plan.json';
import frTab from './locales/fr/tab.json';
import frAlerts from './locales/fr/alerts.json';
import frInspections from './locales/fr/inspections.json';
import frCycle from './locales/fr/cycle.json';
import frRequests from './locales/fr/requests.json';
import frPriorities from './locales/fr/priorities.json';
import frStage from './locales/fr/stage.json';
import frStates from './locales/fr/states.json';
import frTabRequests from './locales/fr/tabRequests.json';
import frSearch from './locales/fr/search.json';
import frMine from './locales/fr/mine.json';
import frAlertEdit from './locales/fr/alertEdit.json';
import frProposalRoles from './locales/fr/proposalRoles.json';
import frRequestNotices from './locales/fr/requestNotices.json';
import frStateAdmin from './locales/fr/stateAdmin.json';
import frAlertTab from './locales/fr/alertTab.json';
import itCommon from './locales/it/common.json';
import itPlan from './locales/it/plan.json';
import itTab from './locales/it/tab.json';
import itAlerts from './locales/it/alerts.json';
import itInspections from './locales/it/inspections.json';
import itCycle from './locales/it/cycle.json';
import itRequests from './locales/it/requests.json';
import itPriorities from './locales/it/priorities.json';
import itStage from './locales/it/stage.json';
import itStates from './locales/it/states.json';
import itTabRequests from './locales/it/tabRequests.json';
import itSearch from './locales/it/search.json';
import itMine from './locales/it/mine.json';
import itAlertEdit from './locales/it/alertEdit.json';
import itProposalRoles from './locales/it/proposalRoles.json';
import itRequestNotices from './locales/it/requestNotices.json';
import itStateAdmin from './locales/it/stateAdmin.json';
import itAlertTab from './locales/it/alertTab.json';
import ptCommon from './locales/pt/common.json';
import ptPlan from './locales/pt/plan.json';
import ptTab from './locales/pt/tab.json';
import ptAlerts from './locales/pt/alerts.json';
import ptInspections from './locales/pt/inspections.json';
import ptCycle from './locales/pt/cycle.json';
import ptRequests from './locales/pt/requests.json';
import ptPriorities from './locales/pt/priorities.json';
import ptStage from './locales/pt/stage.json';
import ptStates from './locales/pt/states.json';
import ptTabRequests from './locales/pt/tabRequests.json';
import ptSearch from './locales/pt/search.json';
import ptMine from './locales/pt/mine.json';
import ptAlertEdit from './locales/pt/alertEdit.json';
import ptProposalRoles from './locales/pt/proposalRoles.json';
import ptRequestNotices from './locales/pt/requestNotices.json';
import ptStateAdmin from './locales/pt/stateAdmin.json';
import ptAlertTab from './locales/pt/alertTab.json';
import esCommon from './locales/es/common.json';
import esPlan from './locales/es/plan.json';
import esTab from './locales/es/tab.json';
import esAlerts from './locales/es/alerts.json';
import esInspections from './locales/es/inspections.json';
import esCycle from './locales/es/cycle.json';
import esRequests from './locales/es/requests.json';
import esPriorities from './locales/es/priorities.json';
import esStage from './locales/es/stage.json';
import esStates from './locales/es/states.json';
import esTabRequests from './locales/es/tabRequests.json';
import esSearch from './locales/es/search.json';
import esMine from './locales/es/mine.json';
import esAlertEdit from './locales/es/alertEdit.json';
import esProposalRoles from './locales/es/proposalRoles.json';
import esRequestNotices from './locales/es/requestNotices.json';
import esStateAdmin from './locales/es/stateAdmin.json';
import esAlertTab from './locales/es/alertTab.json';

type Catalogue = Record<string, unknown>;

/**
 * One message catalogue per language, kept in a file per feature so that features can grow
 * side by side; each file holds its own top-level sections. Static imports so that the tab
 * bundle carries them too.
 */
function catalogue(...parts: Catalogue[]): Catalogue {
  const merged: Catalogue = {};
  for (const part of parts) {
    for (const [section, value] of Object.entries(part)) {
      if (section in merged) throw new Error(`catalogue section "${section}" is defined twice`);
      merged[section] = value;
    }
  }
  return merged;
}

export const catalogues: Record<Language, Catalogue> = {
  en: catalogue(enCommon, enPlan, enTab, enAlerts, enInspections, enCycle, enRequests, enStage, enPriorities, enStates, enTabRequests, enSearch, enMine, enAlertEdit, enProposalRoles, enRequestNotices, enStateAdmin, enAlertTab),
  fr: catalogue(frCommon, frPlan, frTab, frAlerts, frInspections, frCycle, frRequests, frStage, frPriorities, frStates, frTabRequests, frSearch, frMine, frAlertEdit, frProposalRoles, frRequestNotices, frStateAdmin, frAlertTab),
  it: catalogue(itCommon, itPlan, itTab, itAlerts, itInspections, itCycle, itRequests, itStage, itPriorities, itStates, itTabRequests, itSearch, itMine, itAlertEdit, itProposalRoles, itRequestNotices, itStateAdmin, itAlertTab),
  pt: catalogue(ptCommon, ptPlan, ptTab, ptAlerts, ptInspections, ptCycle, ptRequests, ptStage, ptPriorities, ptStates, ptTabRequests, ptSearch, ptMine, ptAlertEdit, ptProposalRoles, ptRequestNotices, ptStateAdmin, ptAlertTab),
  es: catalogue(esCommon, esPlan, esTab, esAlerts, esInspections, esCycle, esRequests, esStage, esPriorities, esStates, esTabRequests, esSearch, esMine, esAlertEdit, esProposalRoles, esRequestNotices, esStateAdmin, esAlertTab),
};
