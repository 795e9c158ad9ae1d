import { applyAlertRetention } from '../../src/alerts/alertRetention';
import { forAll, forInteractor, type Feature } from '../feature';
import {
  alertCommand,
  alertsCommand,
  companyCommand,
  onAlertClose,
  onAlertRespond,
  onAlertShow,
  onAlertSubmit,
  onAlertsPage,
  onCompanyDossier,
} from './alertHandlers';
import { onCompanySearch, onCompanySelected, onReportFetchTask, onReportSubmit, REPORT_COMMAND, SEARCH_COMMAND } from './messageExtension';

/** The fraud alert network: /alert, /alerts, /company, the alert card verbs, the message extension. */
export const alertFeature: Feature = {
  commands: [
    { name: 'alert', handler: alertCommand },
    { name: 'alerts', handler: alertsCommand },
    { name: 'company', handler: companyCommand },
  ],
  cardActions: [
    // A posted alert replaces the form for everyone; a form with errors goes back to its author only.
    { verb: 'alert.submit', handler: onAlertSubmit },
    { verb: 'alert.respond', handler: forAll(onAlertRespond) },
    { verb: 'alert.close', handler: forAll(onAlertClose) },
    { verb: 'alert.show', handler: forInteractor(onAlertShow) },
    { verb: 'alerts.page', handler: forInteractor(onAlertsPage) },
    { verb: 'company.dossier', handler: forInteractor(onCompanyDossier) },
  ],
  messageExtension: (app, deps) => {
    app.messageExtensions.query(SEARCH_COMMAND, async (context, _state, query) => onCompanySearch(context, deps, String(query.parameters?.query ?? '')));
    app.messageExtensions.selectItem(async (context, _state, item) => onCompanySelected(context, deps, item as { companyId?: unknown }));
    app.messageExtensions.fetchTask(REPORT_COMMAND, async (context) => onReportFetchTask(context));
    app.messageExtensions.submitAction<Record<string, unknown>>(REPORT_COMMAND, async (context, _state, data) => onReportSubmit(context, deps, data ?? {}));
  },
  jobs: (deps) => [{ name: 'alert-retention', pattern: '17 * * * *', run: () => applyAlertRetention(deps.db, deps.clock, deps.config.retention) }],
};
