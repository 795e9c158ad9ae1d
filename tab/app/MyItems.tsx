import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { ActionDetailPanel } from './ActionDetail';
import { RecordDetailPanel } from './RecordDetail';
import { useRecordsApi } from './useRecordsApi';
import { FailureMessage, Loading } from './LoadStates';
import type { OpenItem } from './mine';
import { ROW_BUTTON, usePageStyles } from './pageStyles';
import { useResource } from './useResource';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    ...ROW_BUTTON,
    padding: 0,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  detail: { alignSelf: 'stretch' },
  name: { overflowWrap: 'anywhere' },
  line: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

const BADGE = { default: 'informative', warning: 'warning', attention: 'danger' } as const;

/**
 * One item, opened here: a plan action with its update form, an alert (with its correction for
 * its author), an inspection or a request with their details and a link to their channel post.
 */
function Item(props: { item: OpenItem; onChanged: () => void; testId?: string }) {
  const styles = useStyles();
  const { item } = props;
  const [open, setOpen] = useState(false);
  const text = (
    <>
      <Text weight="semibold" className={styles.name}>
        {item.heading}
      </Text>
      <Text size={200} className={styles.line}>
        {item.line}
      </Text>
    </>
  );
  return (
    <li className={styles.item} data-testid={props.testId ?? 'open-item'} data-kind={item.kind} data-ref={item.ref}>
      <Badge appearance="tint" color={BADGE[item.tone]} size="small">
        {item.ref}
      </Badge>
      <button type="button" className={styles.row} aria-expanded={open} onClick={() => setOpen((shown) => !shown)} data-testid="open-item-toggle">
        {text}
      </button>
      {open && (
        <div className={styles.detail}>
          {item.kind === 'action' ? <ActionDetailPanel actionRef={item.ref} onChanged={props.onChanged} compact /> : <RecordDetailPanel kind={item.kind} recordRef={item.ref} onChanged={props.onChanged} />}
        </div>
      )}
    </li>
  );
}

/** A titled list of items, or the words for none, and what is left beyond those shown. */
function ItemSection<T>(props: { list: { title: string; empty: string; more: string; items: T[] }; item: (item: T) => ReactNode; testId?: string }) {
  const styles = useStyles();
  const { list } = props;
  return (
    <section className={styles.section} aria-label={list.title} data-testid={props.testId}>
      <Text as="h2" size={400} weight="semibold" className={styles.heading}>
        {list.title}
      </Text>
      {list.items.length === 0 ? <Text size={200}>{list.empty}</Text> : <ul className={styles.list}>{list.items.map(props.item)}</ul>}
      {list.more && <Text size={200}>{list.more}</Text>}
    </section>
  );
}

/**
 * The open alerts the reader posted (or, for a coordinator, their state's), which they may correct
 * or withdraw here. Not shown to a body outside the alert network, which the server refuses.
 */
function EditableAlerts(props: { onChanged: () => void }) {
  const records = useRecordsApi();
  const resource = useResource('alerts:editable', () => records.editableAlerts());
  if (resource.phase !== 'loaded') return null;
  const list = resource.value;
  // The list itself is not reloaded: a withdrawn alert stays open here, saying so, until the view is loaded again.
  const changed = props.onChanged;
  return (
    <ItemSection
      list={list}
      item={(item) => <Item key={`editable:${item.ref}`} item={{ ...item, kind: 'alert', tone: item.tone === 'success' ? 'default' : item.tone }} onChanged={changed} testId="editable-alert" />}
      testId="editable-alerts"
    />
  );
}

/** `?view=mine`: what waits for the signed-in person and their authority, the same list as /mine in the bot. */
export function MyItems() {
  const { t, api } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const resource = useResource('mine', () => api.mine());
  if (resource.phase === 'failed') return <div className={page.page}><FailureMessage failure={resource.failure} retry={resource.retry} /></div>;
  if (resource.phase !== 'loaded') return <Loading label={t('tab.loading')} />;
  const mine = resource.value;
  return (
    <main className={page.page} data-testid="my-items">
      <header className={styles.header}>
        <Text as="h1" size={600} weight="semibold" className={styles.heading}>
          {mine.title}
        </Text>
        <Text as="p">{mine.intro}</Text>
        <Text as="p" size={200}>
          {t('mine.openInTeams')}
        </Text>
      </header>
      {mine.sections.map((section) => (
        <ItemSection key={section.kind} list={section} item={(item) => <Item key={`${item.kind}:${item.ref}`} item={item} onChanged={resource.reload} />} />
      ))}
      <EditableAlerts onChanged={resource.reload} />
    </main>
  );
}
