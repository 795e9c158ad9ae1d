import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { addressOf, useNavigation } from './navigation';
import { useTabSession } from './TabSession';
import type { ViewName } from './views';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const PAGES: ReadonlyArray<{ view: ViewName; label: string }> = [
  { view: 'board', label: 'tabRequests.nav.plan' },
  { view: 'requests', label: 'tabRequests.nav.requests' },
  { view: 'states', label: 'stateAdmin.tab.nav' },
];

/**
 * Moves between the plan board, the information requests and the member states in the channel and personal tab, on
 * its own row above the page's heading, so it is not taken for one of the page's own actions.
 * Links (a reload or "open in a new tab" lands on the same view) followed inside the page, so
 * Teams does not load the tab again.
 */
export function ViewSwitch() {
  const { t } = useTabSession();
  const styles = useStyles();
  const { view, navigate } = useNavigation();
  return (
    <nav className={styles.root} aria-label={t('tabRequests.nav.label')} data-testid="view-switch">
      {PAGES.map((page) => (
        <Button
          key={page.view}
          as="a"
          href={addressOf(page.view)}
          appearance={page.view === view ? 'primary' : 'subtle'}
          aria-current={page.view === view ? 'page' : undefined}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey) return;
            event.preventDefault();
            navigate(page.view);
          }}
          data-testid={`view-switch-${page.view}`}
        >
          {t(page.label)}
        </Button>
      ))}
    </nav>
  );
}
