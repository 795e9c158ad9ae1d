import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { languageFromLocale } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { ConfigPage } from './ConfigPage';
import { addressOf, NavigationProvider } from './navigation';
import { Loading } from './LoadStates';
import { MyItems } from './MyItems';
import { PlanBoard } from './PlanBoard';
import { RequestsView } from './RequestsView';
import { SidePanel } from './SidePanel';
import { Stage } from './Stage';
import { AnnualMeeting } from './AnnualMeeting';
import { StatesView } from './StatesView';
import { TabSessionProvider } from './TabSession';
import { browserEnvironment, connectToHost, onHostThemeChange, reportLoaded, type HostEnvironment, type TeamsTheme } from './teams';
import { fluentTheme } from './theme';
import { viewFor, type ViewName } from './views';

const useStyles = makeStyles({
  root: { minHeight: '100vh' },
});

const VIEWS: Record<ViewName, ComponentType> = {
  board: PlanBoard,
  requests: RequestsView,
  sidepanel: SidePanel,
  stage: Stage,
  annual: AnnualMeeting,
  config: ConfigPage,
  mine: MyItems,
  states: StatesView,
};

export function App() {
  const styles = useStyles();
  // Until Teams answers (up to 3 s in a foreign iframe), the query string and the browser decide.
  const [environment, setEnvironment] = useState<HostEnvironment | null>(null);
  const [theme, setTheme] = useState<TeamsTheme>(() => browserEnvironment().theme);
  const [view, setView] = useState<ViewName | null>(null);

  useEffect(() => {
    let mounted = true;
    void connectToHost()
      .catch((error: unknown) => {
        console.warn('Teams context unavailable; continuing as a plain web page', error);
        return browserEnvironment();
      })
      .then((host) => {
        if (!mounted) return;
        setEnvironment(host);
        setView(viewFor(host));
        setTheme(host.theme);
        onHostThemeChange(host, setTheme);
        reportLoaded(host);
      });
    return () => {
      mounted = false;
    };
  }, []);

  // Back and forward move between the board and the requests as the address says.
  useEffect(() => {
    if (!environment) return;
    const follow = () => setView(viewFor(environment));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, [environment]);

  const navigate = useCallback((next: ViewName) => {
    history.pushState(history.state, '', addressOf(next));
    setView(next);
  }, []);

  const language = languageFromLocale(environment?.locale ?? browserEnvironment().locale);
  const t = translator(language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t(view === 'requests' ? 'tabRequests.documentTitle' : 'tab.documentTitle');
  }, [language, t, view]);

  const View = environment && view ? VIEWS[view] : null;
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root}>
      {environment && View ? (
        <TabSessionProvider language={language} environment={environment}>
          <NavigationProvider view={view!} navigate={navigate}>
            <View />
          </NavigationProvider>
        </TabSessionProvider>
      ) : (
        <Loading label={t('tab.loading')} />
      )}
    </FluentProvider>
  );
}
