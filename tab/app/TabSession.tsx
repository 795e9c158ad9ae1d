import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../src/i18n/languages';
import { translator, type Translate } from '../../src/i18n/translate';
import { createPlanApi, type PlanApi } from './api';
import { ssoToken, type HostEnvironment } from './teams';

/** What every view needs: the user's language, the catalogue lookup, the API and the host. */
export interface TabSession {
  language: Language;
  t: Translate;
  api: PlanApi;
  environment: HostEnvironment;
}

const TabSessionContext = createContext<TabSession | null>(null);

export function TabSessionProvider(props: { language: Language; environment: HostEnvironment; children: ReactNode }) {
  const { language, environment } = props;
  const session = useMemo<TabSession>(
    () => ({
      language,
      t: translator(language),
      api: createPlanApi(() => ssoToken(environment), language),
      environment,
    }),
    [language, environment],
  );
  return <TabSessionContext.Provider value={session}>{props.children}</TabSessionContext.Provider>;
}

export function useTabSession(): TabSession {
  const session = useContext(TabSessionContext);
  if (!session) throw new Error('useTabSession outside TabSessionProvider');
  return session;
}
