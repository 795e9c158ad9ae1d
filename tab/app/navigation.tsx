import { createContext, useContext, type ReactNode } from 'react';
import type { ViewName } from './views';

/** The page views one can move between inside the tab (the board, the requests, the member states), without reloading it. */
export interface Navigation {
  view: ViewName;
  navigate: (view: ViewName) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider(props: Navigation & { children: ReactNode }) {
  return <NavigationContext.Provider value={{ view: props.view, navigate: props.navigate }}>{props.children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

/**
 * The address of a view: `?view=` set, everything else kept (locale, theme, the board's year and
 * filters), so a reload or a shared link opens the same view and going back restores the board.
 */
export function addressOf(view: ViewName, search: string = location.search): string {
  const query = new URLSearchParams(search);
  query.set('view', view);
  return `${location.pathname}?${query.toString()}`;
}
