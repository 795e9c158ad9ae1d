import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { BoardRequest, RequestBoard } from './requests';
import { authorityLabel, calendarDate, listOf } from './requestLook';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  // The colour only reinforces the "Overdue" badge and line printed in the row.
  overdue: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  ref: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  company: { margin: 0, overflowWrap: 'anywhere' },
  deadline: { fontWeight: tokens.fontWeightSemibold },
  late: { color: tokens.colorPaletteRedForeground1 },
  parts: { listStyleType: 'none', margin: 0, padding: 0 },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
});

function RequestRow(props: { request: BoardRequest; topicNames: Map<string, string> }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const { request } = props;
  const date = (iso: string) => calendarDate(iso, language);
  const to = listOf(request.parts.map(authorityLabel), language);
  const from = `${request.requesterShortName} (${request.requesterMemberState})`;
  const deadline = request.nextDueDate === null ? t('tabRequests.row.allAnswered') : t(request.overdue ? 'tabRequests.row.overdue' : 'tabRequests.row.due', { date: date(request.nextDueDate) });
  const questions = t('tabRequests.row.questions', { count: request.questionCount });
  return (
    <li
      className={mergeClasses(styles.item, request.overdue && styles.overdue)}
      aria-label={t('tabRequests.row.label', { ref: request.ref, company: request.company.name })}
      data-testid={`request-${request.ref}`}
      data-overdue={request.overdue}
    >
      <div className={styles.top}>
        <Text size={200} className={styles.ref}>
          {request.ref}
        </Text>
        <Badge appearance="tint" color={request.urgency === 'urgent' ? 'warning' : 'informative'}>
          {t(`requests.urgency.${request.urgency}`)}
        </Badge>
        {request.overdue && (
          <Badge appearance="filled" color="danger" data-testid="overdue-badge">
            {t('tabRequests.row.overdueBadge')}
          </Badge>
        )}
      </div>
      <Text as="h3" size={400} weight="semibold" className={styles.company}>
        {request.company.name}
      </Text>
      <Text>{t('tabRequests.row.route', { from, to })}</Text>
      <Text className={mergeClasses(styles.deadline, request.overdue && styles.late)} data-testid="deadline">
        {deadline}
      </Text>
      <ul className={styles.parts}>
        {request.parts.map((part) => (
          <li key={part.authorityId} data-testid={`part-${part.authorityId}`} data-late={part.late}>
            <Text size={200} className={part.late ? styles.late : undefined}>
              {t(part.late ? 'tabRequests.row.partLate' : 'tabRequests.row.part', {
                authority: authorityLabel(part),
                status: t(`requests.addresseeStatus.${part.status}`),
                date: date(part.dueDate),
              })}
            </Text>
            {part.proposedDueDate && (
              <Text size={200} block>
                {t('tabRequests.row.proposed', { authority: authorityLabel(part), date: date(part.proposedDueDate) })}
              </Text>
            )}
          </li>
        ))}
      </ul>
      <div className={styles.meta}>
        <Text size={200}>{request.hasFreeQuestion ? listOf([questions, t('tabRequests.row.freeQuestion')], language) : questions}</Text>
        {request.topics.length > 0 && (
          <Text size={200} data-testid="topics">
            {t('tabRequests.row.topics', { topics: listOf(request.topics.map((topic) => props.topicNames.get(topic) ?? topic), language) })}
          </Text>
        )}
        {request.imiRequestNumber && <Text size={200}>{t('tabRequests.row.imi', { value: request.imiRequestNumber })}</Text>}
        <Text size={200}>{t('tabRequests.row.sent', { date: date(request.createdAt) })}</Text>
        <Text size={200}>{t(`tabRequests.row.side.${request.viewerSide}`)}</Text>
      </div>
    </li>
  );
}

/** The open requests, in the order the server gives them: by deadline, overdue first. */
export function RequestList(props: { board: RequestBoard }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const topicNames = new Map(props.board.facets.topics.map((topic) => [topic.key, topic.label]));
  return (
    <ol className={styles.list} aria-label={t('tabRequests.list.label')} data-testid="request-list">
      {props.board.items.map((request) => (
        <RequestRow key={request.ref} request={request} topicNames={topicNames} />
      ))}
    </ol>
  );
}
