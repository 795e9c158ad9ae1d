import { Badge, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { PlanAction } from './plan';
import { useActionLabels } from './useActionLabels';

const useStyles = makeStyles({
  card: { width: '100%', boxSizing: 'border-box', minWidth: 0 },
  interactive: {
    cursor: 'pointer',
    // Hover keeps the tile's background: in high contrast Fluent's hover fill leaves the texts unreadable.
    ':hover': { backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow8, outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1Hover}` },
    ':active': { backgroundColor: tokens.colorNeutralBackground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: tokens.strokeWidthThin },
  },
  // Long type names ("Campagne de sensibilisation") wrap inside the tile instead of overflowing it.
  top: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, flexShrink: 0 },
  badge: {
    maxWidth: '100%',
    minWidth: 0,
    height: 'auto',
    minHeight: '20px',
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    textAlign: 'start',
    paddingBlock: tokens.spacingVerticalXXS,
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2, minWidth: 0, overflowWrap: 'anywhere' },
  largeTitle: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  largeDetail: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
});

/**
 * One plan action on the board or the stage. With `onOpen` it is a button (Enter or Space opens the
 * detail); on the read-only stage it is still focusable, so keyboard users can walk the columns.
 */
export function ActionTile(props: { action: PlanAction; size?: 'medium' | 'large'; onOpen?: (ref: string) => void }) {
  const styles = useStyles();
  const { action, onOpen } = props;
  const large = props.size === 'large';
  const labels = useActionLabels(action);
  const detailSize = large ? undefined : 200;
  const detailClass = large ? styles.largeDetail : undefined;
  const open = () => onOpen?.(action.ref);
  const onKeyDown = (event: KeyboardEvent) => {
    if (onOpen && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      open();
    }
  };
  return (
    <Card
      className={mergeClasses(styles.card, onOpen && styles.interactive)}
      size={large ? 'large' : 'medium'}
      focusMode="off"
      tabIndex={0}
      role={onOpen ? 'button' : undefined}
      aria-label={labels.label}
      onClick={onOpen ? open : undefined}
      onKeyDown={onKeyDown}
      data-testid={`action-tile-${action.ref}`}
      data-status={action.status}
    >
      <div className={styles.top}>
        <Text size={large ? 400 : 200} className={styles.ref}>
          {action.ref}
        </Text>
        <Badge appearance="outline" color="informative" size={large ? 'extra-large' : 'medium'} className={styles.badge} data-testid="type-badge">
          {labels.type}
        </Badge>
      </div>
      <Text as="h3" weight="semibold" size={300} className={mergeClasses(styles.title, large && styles.largeTitle)}>
        {action.title}
      </Text>
      <div className={styles.details}>
        {labels.lead && (
          <Text size={detailSize} className={detailClass}>
            {labels.lead}
          </Text>
        )}
        {labels.states && (
          <Text size={detailSize} className={detailClass}>
            {labels.states}
          </Text>
        )}
        {labels.when && (
          <Text size={detailSize} className={detailClass}>
            {labels.when}
          </Text>
        )}
        {labels.origin && (
          <Text size={detailSize} className={detailClass}>
            {labels.origin}
          </Text>
        )}
      </div>
    </Card>
  );
}
