import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { useEffect, useState, type ComponentType } from 'react';
import { languageFromLocale } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { ConfigPage } from './ConfigPage';
import { Loading } from './LoadStates';
import { MyItems } from './MyItems';
import { PlanBoard } from './PlanBoard';
import { SidePanel } from './SidePanel';
import { Stage } from './Stage';
import { TabSessionProvider } from './TabSession';
import { browserEnvironment, connectToHost, onHostThemeChange, reportLoaded, type HostEnvironment, type TeamsTheme } from './teams';
import { fluentTheme } from './theme';
import { viewFor, type ViewName } from './views';

const useStyles = makeStyles({
  root: { minHeight: '100vh' },
});

const VIEWS: Record<ViewName, ComponentType> = {
  board: PlanBoard,
  sidepanel: SidePanel,
  stage: Stage,
  config: ConfigPage,
  mine: MyItems,
};

export function App() {
  const styles = useStyles();
  // Until Teams answers (up to 3 s in a foreign iframe), the query string and the browser decide.
  const [environment, setEnvironment] = useState<HostEnvironment | null>(null);
  const [theme, setTheme] = useState<TeamsTheme>(() => browserEnvironment().theme);

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
        setTheme(host.theme);
        onHostThemeChange(host, setTheme);
        reportLoaded(host);
      });
    return () => {
      mounted = false;
    };
  }, []);

  const language = languageFromLocale(environment?.locale ?? browserEnvironment().locale);
  const t = translator(language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('tab.documentTitle');
  }, [language, t]);

  const View = environment ? VIEWS[viewFor(environment)] : null;
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root}>
      {environment && View ? (
        <TabSessionProvider language={language} environment={environment}>
          <View />
        </TabSessionProvider>
      ) : (
        <Loading label={t('tab.loading')} />
      )}
    </FluentProvider>
  );
}
