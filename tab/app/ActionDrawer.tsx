import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, InlineDrawer, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { ActionDetailPanel } from './ActionDetail';
import { useTabSession } from './TabSession';

// Fluent's icons are a separate package; a plain multiplication sign keeps the bundle lean.
const CLOSE_GLYPH = '\u2715';

const useStyles = makeStyles({
  drawer: {
    width: '30rem',
    maxWidth: '100%',
    height: 'auto',
    alignSelf: 'stretch',
    borderRadius: tokens.borderRadiusLarge,
    '@media (max-width: 48rem)': { width: '100%' },
  },
  heading: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * The detail of one action beside the board: a labelled region rather than a modal, so the board
 * stays readable next to it. Opening moves the focus to its heading; Escape or the close button
 * closes it and gives the focus back to the tile that opened it.
 */
export function ActionDrawer(props: { actionRef: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const headingId = useId('action-detail-heading');
  const titleRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const { actionRef } = props;

  useEffect(() => {
    if (actionRef === null) return;
    opener.current ??= document.activeElement instanceof HTMLElement ? document.activeElement : null;
    titleRef.current?.focus();
  }, [actionRef]);

  // Escape closes the pane wherever the focus is (a disabled button may have dropped it to the page).
  useEffect(() => {
    if (actionRef === null) return;
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  });

  const close = () => {
    props.onClose();
    const back = opener.current;
    opener.current = null;
    // The tile may have moved to another column meanwhile; find it again by its test id.
    const tile = back?.dataset.testid ? document.querySelector<HTMLElement>(`[data-testid="${back.dataset.testid}"]`) : null;
    (tile ?? back)?.focus();
  };

  if (actionRef === null) return null;
  return (
    <InlineDrawer open position="end" separator className={styles.drawer} role="region" aria-labelledby={headingId} data-testid="action-drawer">
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: headingId, tabIndex: -1, ref: titleRef, className: styles.heading }}
          action={
            <Button appearance="subtle" aria-label={t('tab.detail.close')} onClick={close} data-testid="drawer-close">
              <span aria-hidden="true">{CLOSE_GLYPH}</span>
            </Button>
          }
        >
          {t('tab.detail.heading', { ref: actionRef })}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <ActionDetailPanel actionRef={actionRef} onChanged={props.onChanged} />
      </DrawerBody>
    </InlineDrawer>
  );
}
