import { Text } from '@fluentui/react-components';
import { useEffect } from 'react';
import { usePageStyles } from './pageStyles';
import { useTabSession } from './TabSession';
import { registerTabConfiguration } from './teams';

/** Configuration page of the channel / meeting tab: nothing to choose, so Save is enabled at once. */
export function ConfigPage() {
  const { t, environment } = useTabSession();
  const styles = usePageStyles();

  useEffect(() => {
    registerTabConfiguration(environment, t('tab.config.tabName'));
  }, [environment, t]);

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
    </main>
  );
}
