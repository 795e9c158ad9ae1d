import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { usePageStyles } from './pageStyles';
import { useTabSession } from './TabSession';
import { registerTabConfiguration, type StageChoice } from './teams';

/**
 * Configuration page of the channel / meeting tab: Save is enabled at once. In a meeting it asks
 * what the stage shows: the plan's progress, or the annual meeting (assessment, proposals, endorsement).
 */
export function ConfigPage() {
  const { t, environment } = useTabSession();
  const styles = usePageStyles();
  const [stage, setStage] = useState<StageChoice>('progress');

  useEffect(() => {
    registerTabConfiguration(environment, t(stage === 'annual' ? 'stage.config.tabName' : 'tab.config.tabName'), stage);
  }, [environment, t, stage]);

  const explanation = !environment.inTeams
    ? t('tab.config.outsideTeams')
    : environment.inMeeting
      ? t('tab.config.inTeamsMeeting')
      : t('tab.config.inTeamsChannel');

  return (
    <main className={styles.page} data-testid="view-config">
      <Text as="h1" size={600} weight="semibold" className={styles.heading}>
        {t('tab.config.heading')}
      </Text>
      <Text as="p">{explanation}</Text>
      {environment.inMeeting && (
        <Field label={t('stage.config.stageLabel')}>
          <RadioGroup value={stage} onChange={(_, data) => setStage(data.value === 'annual' ? 'annual' : 'progress')} data-testid="config-stage">
            <Radio value="progress" label={t('stage.config.progress')} />
            <Radio value="annual" label={t('stage.config.annual')} />
          </RadioGroup>
        </Field>
      )}
    </main>
  );
}
