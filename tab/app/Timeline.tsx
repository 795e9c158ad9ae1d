import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { dateTime } from './formatting';
import type { ActionDetail, TimelineEntry } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  entry: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`, paddingLeft: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  meta: { color: tokens.colorNeutralForeground2 },
  note: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

function who(t: (key: string, vars?: Record<string, unknown>) => string, entry: TimelineEntry): string {
  const authority = entry.by.authority ? `${entry.by.authority.shortName} (${entry.by.authority.memberState ?? 'EU'})` : t('app.name');
  return entry.by.name ? `${entry.by.name}, ${authority}` : authority;
}

/** Who changed what and when, newest first: the action's story as the bot's card tells it. */
export function Timeline(props: { action: ActionDetail }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const { action } = props;
  if (action.timeline.length === 0) return <Text className={styles.meta}>{t('plan.card.labels.noTimeline')}</Text>;
  return (
    <ol className={styles.list} data-testid="timeline">
      {action.timeline.map((entry, index) => {
        const change =
          entry.kind === 'status'
            ? t('plan.timeline.status', { from: t(`plan.status.${entry.statusFrom}`), to: t(`plan.status.${entry.statusTo}`) })
            : entry.kind === 'created'
              ? t('plan.timeline.created')
              : entry.kind === 'carried_over'
                ? t('plan.timeline.carriedOver', { ref: action.originRef ?? '—', status: t(`plan.status.${entry.statusFrom}`) })
                : null;
        return (
          <li key={`${entry.at}-${index}`} className={styles.entry}>
            <Text size={200} className={styles.meta}>
              <time dateTime={entry.at}>{dateTime(entry.at, language)}</time> · {who(t, entry)}
            </Text>
            {change && <Text weight="semibold">{change}</Text>}
            {entry.note && <Text className={styles.note}>{entry.note}</Text>}
          </li>
        );
      })}
    </ol>
  );
}
