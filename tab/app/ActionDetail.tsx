import { Badge, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { actionWhen } from './formatting';
import { FailureMessage, Loading } from './LoadStates';
import type { ActionDetail } from './plan';
import { STATUS_COLOR } from './statusLook';
import { useTabSession } from './TabSession';
import { Timeline } from './Timeline';
import { UpdateForm } from './UpdateForm';
import { useResource } from './useResource';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  description: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  facts: { display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  factsCompact: { gridTemplateColumns: '1fr' },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: 'anywhere' },
  section: { margin: 0, marginTop: tokens.spacingVerticalS },
});

function Facts(props: { action: ActionDetail; compact?: boolean }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const { action } = props;
  const facts: Array<[string, string]> = [
    [t('plan.card.type'), t(`plan.type.${action.type}`)],
    [t('plan.card.scope'), t(`plan.scope.${action.scope}`)],
    [t('plan.card.lead'), action.leadAuthority ? `${action.leadAuthority.shortName} (${action.leadState ?? 'EU'})` : action.leadState ? countryName(action.leadState, language) : ''],
    [t('plan.card.states'), action.states.map((code) => countryName(code, language)).join(', ')],
    [t('plan.card.when'), actionWhen(action, language) ?? ''],
    [t('plan.card.places'), action.places.map((place) => (place.city ?? place.region ? `${place.city ?? place.region} (${place.country})` : countryName(place.country, language))).join(', ')],
    [t('plan.card.sectors'), action.sectors.map((code) => `${code} – ${naceLabel(code, language)}`).join('; ')],
    [t('plan.card.topics'), action.topics.map((topic) => t(`plan.topic.${topic}`)).join(', ')],
    [t('plan.card.funding'), action.funding.map((source) => t(`plan.funding.${source}`)).join(', ')],
    [t('tab.detail.authorities'), action.authorities.map((a) => `${a.shortName} (${a.memberState ?? 'EU'})`).join(', ')],
    [t('plan.card.reason'), action.statusReason ?? ''],
    [t('plan.card.origin'), action.originRef ?? ''],
    [t('plan.card.carriedTo'), action.carriedToRef ?? ''],
  ];
  return (
    <dl className={props.compact ? `${styles.facts} ${styles.factsCompact}` : styles.facts}>
      {facts
        .filter(([, value]) => value !== '')
        .map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.definition}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * An action's detail: what it is, the update form for those who may update it, and its timeline.
 * It is a snapshot: a change made meanwhile by someone else shows up when this person's update is
 * refused as stale, never by silently changing the version under their form.
 */
export function ActionDetailPanel(props: { actionRef: string; onChanged: () => void; compact?: boolean }) {
  const { t, api } = useTabSession();
  const styles = useStyles();
  const { actionRef } = props;
  const resource = useResource(`action:${actionRef}`, () => api.action(actionRef));
  const [shown, setShown] = useState<ActionDetail | null>(null);
  useEffect(() => setShown(null), [actionRef]);

  if (resource.phase === 'failed') return <FailureMessage failure={resource.failure} retry={resource.retry} />;
  const action = shown ?? (resource.phase === 'loaded' ? resource.value : null);
  if (!action) return <Loading label={t('tab.detail.loading', { ref: actionRef })} />;

  return (
    <article className={styles.root} data-testid={`action-detail-${action.ref}`} data-status={action.status} data-version={action.version}>
      <div className={styles.top}>
        <Text className={styles.ref}>{t('plan.card.refLine', { ref: action.ref, year: action.year })}</Text>
        <Badge appearance="filled" color={STATUS_COLOR[action.status]} data-testid="detail-status">
          {t(`plan.status.${action.status}`)}
        </Badge>
      </div>
      {!props.compact && (
        <Text as="h3" size={500} weight="semibold" className={styles.title}>
          {action.title}
        </Text>
      )}
      {action.description && !props.compact && <Text className={styles.description}>{action.description}</Text>}
      <Facts action={action} compact={props.compact} />
      <Text as="h4" size={400} weight="semibold" className={styles.section}>
        {t('plan.card.labels.updateHeading')}
      </Text>
      {action.mayUpdate ? (
        <UpdateForm
          action={action}
          compact={props.compact}
          onSaved={(saved) => {
            setShown(saved);
            props.onChanged();
          }}
          onStale={(current) => {
            setShown(current);
            props.onChanged();
          }}
        />
      ) : (
        <MessageBar intent="info" layout="multiline" data-testid="read-only">
          <MessageBarBody>{t('tab.detail.readOnly', { states: action.states.join(', ') })}</MessageBarBody>
        </MessageBar>
      )}
      <Text as="h4" size={400} weight="semibold" className={styles.section}>
        {t('plan.card.labels.timeline')}
      </Text>
      <Timeline action={action} />
    </article>
  );
}
