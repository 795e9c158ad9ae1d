import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { asApiFailure, type ApiFailure } from './api';
import { FailureMessage } from './LoadStates';
import type { ReportLinks } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * The assessment report and its CSV. They open in the browser (print to PDF, save the file), where
 * no Teams token exists; the API hands out short-lived signed links for exactly these pages.
 */
export function ReportButtons(props: { year: number }) {
  const { t, api } = useTabSession();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const open = async (pick: (links: ReportLinks) => string) => {
    setBusy(true);
    setFailure(null);
    try {
      const links = await api.reportLinks(props.year);
      window.open(new URL(pick(links), location.origin).toString(), '_blank', 'noopener');
    } catch (error) {
      setFailure(asApiFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <Button disabled={busy} onClick={() => void open((links) => links.report)} data-testid="open-report">
        {t('plan.summary.labels.report')}
      </Button>
      <Button disabled={busy} onClick={() => void open((links) => links.assessmentCsv)} data-testid="download-csv">
        {t('plan.report.labels.assessmentCsv')}
      </Button>
      {failure && <FailureMessage failure={failure} year={props.year} />}
    </div>
  );
}
