import { Label, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { percent } from './formatting';
import { EmptyMessage, FailureMessage, Loading } from './LoadStates';
import type { RequestIndicators } from './requests';
import { workingDays } from './requestLook';
import { useTabSession } from './TabSession';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  heading: { margin: 0 },
  year: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  explain: { color: tokens.colorNeutralForeground2 },
  // On a phone the table scrolls sideways inside its frame; the page itself never does.
  frame: { overflowX: 'auto', maxWidth: '100%' },
  table: { minWidth: '40rem' },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  missing: { color: tokens.colorNeutralForeground3 },
});

const COLUMNS = ['addressed', 'inTime', 'late', 'unanswered', 'share', 'average'] as const;

/** Per addressed authority, the IMI-style indicators of a year of sending. */
export function RequestIndicatorsTable(props: { indicators: Resource<RequestIndicators>; onYear: (year: number) => void }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const yearId = useId('indicator-year');
  const { indicators } = props;
  const loaded = indicators.phase === 'loaded' ? indicators.value : null;
  const years = loaded ? [...new Set([loaded.year, ...loaded.years])].sort((a, b) => b - a) : [];

  const missing = (key: 'notMeasured' | 'noAnswer') => <span className={styles.missing}>{t(`tabRequests.indicators.${key}`)}</span>;
  return (
    <section className={styles.section} aria-labelledby="indicators-heading" data-testid="request-indicators">
      <div className={styles.header}>
        <Text as="h2" id="indicators-heading" size={500} weight="semibold" className={styles.heading}>
          {t('tabRequests.indicators.heading')}
        </Text>
        {loaded && (
          <div className={styles.year}>
            <Label htmlFor={yearId}>{t('tabRequests.indicators.year')}</Label>
            <Select id={yearId} value={String(loaded.year)} onChange={(_, data) => props.onYear(Number(data.value))} data-testid="indicator-year">
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      {indicators.phase === 'failed' && <FailureMessage failure={indicators.failure} retry={indicators.retry} texts="tabRequests.state" />}
      {(indicators.phase === 'loading' || indicators.phase === 'idle') && <Loading label={t('tabRequests.loading')} />}
      {loaded && (
        <>
          <Text className={styles.explain}>{t('tabRequests.indicators.intro', { year: loaded.year })}</Text>
          <Text className={styles.explain} size={200}>
            {t('tabRequests.indicators.rules')}
          </Text>
          {loaded.authorities.length === 0 ? (
            <EmptyMessage body={t('tabRequests.indicators.empty', { year: loaded.year })} />
          ) : (
            // Focusable, so that a keyboard can scroll the table on a narrow screen.
            <div className={styles.frame} role="region" tabIndex={0} aria-label={t('tabRequests.indicators.tableLabel', { year: loaded.year })}>
              <Table className={styles.table} aria-label={t('tabRequests.indicators.tableLabel', { year: loaded.year })} data-testid="indicator-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('tabRequests.indicators.col.authority')}</TableHeaderCell>
                    {COLUMNS.map((column) => (
                      <TableHeaderCell key={column}>{t(`tabRequests.indicators.col.${column}`)}</TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {loaded.authorities.map((row) => (
                    <TableRow key={row.authorityId} data-testid={`indicators-${row.authorityId}`}>
                      <TableCell>
                        <Text weight="semibold">{`${row.shortName} (${row.memberState})`}</Text>
                        <Text size={200} block>
                          {row.name}
                        </Text>
                      </TableCell>
                      <TableCell className={styles.number}>{row.addressed}</TableCell>
                      <TableCell className={styles.number}>{row.answeredInTime}</TableCell>
                      <TableCell className={styles.number}>{row.answeredLate}</TableCell>
                      <TableCell className={styles.number}>{row.unanswered}</TableCell>
                      <TableCell className={styles.number} data-testid="share">
                        {row.shareInTime === null ? missing('notMeasured') : percent(row.shareInTime, language)}
                      </TableCell>
                      <TableCell className={styles.number} data-testid="average">
                        {row.averageWorkingDays === null ? missing('noAnswer') : workingDays(row.averageWorkingDays, language)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
