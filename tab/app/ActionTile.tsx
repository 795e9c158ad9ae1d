import { Badge, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PlanAction } from './plan';
import { useActionLabels } from './useActionLabels';

const useStyles = makeStyles({
  card: { width: '100%', boxSizing: 'border-box' },
  top: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
  largeTitle: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  largeDetail: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
});

/** One plan action on the board or the stage: focusable, so keyboard users can walk the columns. */
export function ActionTile(props: { action: PlanAction; size?: 'medium' | 'large' }) {
  const styles = useStyles();
  const { action } = props;
  const large = props.size === 'large';
  const labels = useActionLabels(action);
  const detailSize = large ? undefined : 200;
  const detailClass = large ? styles.largeDetail : undefined;
  return (
    <Card
      className={styles.card}
      size={large ? 'large' : 'medium'}
      tabIndex={0}
      aria-label={labels.label}
      data-testid={`action-tile-${action.ref}`}
      data-status={action.status}
    >
      <div className={styles.top}>
        <Text size={large ? 400 : 200} className={styles.ref}>
          {action.ref}
        </Text>
        <Badge appearance="outline" color="brand" size={large ? 'extra-large' : 'medium'}>
          {labels.type}
        </Badge>
      </div>
      <Text as="h3" weight="semibold" size={300} className={mergeClasses(styles.title, large && styles.largeTitle)}>
        {action.title}
      </Text>
      <div className={styles.details}>
        <Text size={detailSize} className={detailClass}>
          {labels.lead}
        </Text>
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
      </div>
    </Card>
  );
}
