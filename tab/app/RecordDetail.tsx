import { Badge, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { useEffect, useState, type MouseEvent } from 'react';
import { AlertCorrectionForm } from './AlertCorrectionForm';
import { FailureMessage, Loading } from './LoadStates';
import type { RecordDetail, RecordKind } from './recordsApi';
import { useRecordsApi } from './useRecordsApi';
import { useResource } from './useResource';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, paddingTop: tokens.spacingVerticalS },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { margin: 0, overflowWrap: 'anywhere' },
  facts: { display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: 'anywhere' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  lines: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  attention: { color: tokens.colorPaletteRedForeground1 },
  section: { margin: 0, marginTop: tokens.spacingVerticalS },
});

const BADGE = { default: 'informative', warning: 'warning', attention: 'danger', success: 'success' } as const;

/**
 * Inside Teams a deep link is opened by Teams itself (in the channel, not in a browser tab); in a
 * plain browser the link opens as any link.
 */
function openDeepLink(inTeams: boolean, href: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (!inTeams) return;
    event.preventDefault();
    void app.openLink(href).catch((error: unknown) => console.warn('Teams could not open the link', error));
  };
}

/** A record's detail as the server worded it in the reader's language: facts, lines, answers, the channel post. */
function RecordView(props: { record: RecordDetail }) {
  const { t, environment } = useTabSession();
  const styles = useStyles();
  const { record } = props;
  return (
    <>
      <div className={styles.top}>
        {record.badges.map((badge) => (
          <Badge key={badge.label} appearance="filled" color={BADGE[badge.tone]} size="small">
            {badge.label}
          </Badge>
        ))}
      </div>
      <Text as="h3" size={400} weight="semibold" className={styles.title}>
        {record.title}
      </Text>
      <dl className={styles.facts}>
        {record.facts.map((fact) => (
          <div key={fact.label} style={{ display: 'contents' }}>
            <dt className={styles.term}>{fact.label}</dt>
            <dd className={styles.definition}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {record.text && <Text className={styles.text}>{record.text}</Text>}
      {record.lines.length > 0 && (
        <ul className={styles.lines} data-testid="record-lines">
          {record.lines.map((line, index) => (
            <li key={index} className={line.tone === 'warning' ? styles.warning : line.tone === 'attention' ? styles.attention : undefined}>
              <Text size={200}>{line.text}</Text>
            </li>
          ))}
        </ul>
      )}
      {record.answers.length > 0 && (
        <>
          <Text as="h4" size={300} weight="semibold" className={styles.section}>
            {record.answersTitle}
          </Text>
          <dl className={styles.facts} data-testid="record-answers">
            {record.answers.map((answer, index) => (
              <div key={index} style={{ display: 'contents' }}>
                <dt className={styles.term}>{answer.who}</dt>
                <dd className={styles.definition}>{answer.what}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {record.channelLink && (
        <Link href={record.channelLink} target="_blank" rel="noreferrer" onClick={openDeepLink(environment.inTeams, record.channelLink)} data-testid="channel-link">
          {t('alertTab.ui.openInChannel')}
        </Link>
      )}
    </>
  );
}

/**
 * What an item of My open items opens: an alert (with its correction and withdrawal for its author
 * or a coordinator of their state), an inspection or an information request, as the reader may see
 * it. A correction saved here is shown at once; the list around it is reloaded (`onChanged`).
 */
export function RecordDetailPanel(props: { kind: RecordKind; recordRef: string; onChanged: () => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const records = useRecordsApi();
  const { kind, recordRef } = props;
  const resource = useResource(`${kind}:${recordRef}`, () => records.detail(kind, recordRef));
  const [shown, setShown] = useState<RecordDetail | null>(null);
  // What the last correction or withdrawal did: kept here, as a withdrawal takes the form away.
  const [done, setDone] = useState('');
  useEffect(() => {
    setShown(null);
    setDone('');
  }, [kind, recordRef]);

  if (resource.phase === 'failed') return <FailureMessage failure={resource.failure} retry={resource.retry} />;
  const record = shown ?? (resource.phase === 'loaded' ? resource.value : null);
  if (!record) return <Loading label={t('alertTab.ui.loading', { ref: recordRef })} />;
  return (
    <article className={styles.root} data-testid={`record-detail-${record.ref}`} data-kind={record.kind}>
      {done && (
        <MessageBar intent="success" layout="multiline" data-testid="record-changed">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      <RecordView record={record} />
      {record.alertEdit && (
        <AlertCorrectionForm
          alert={record}
          edit={record.alertEdit}
          onChanged={(next, message) => {
            setShown(next);
            setDone(message);
            props.onChanged();
          }}
        />
      )}
    </article>
  );
}
