import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Me } from './plan';
import { useTabSession } from './TabSession';

/** Local development answers with a stand-in identity; say so, so nobody mistakes it for a real account. */
export function IdentityBanner(props: { me: Me | null }) {
  const { t } = useTabSession();
  const { me } = props;
  if (!me || me.mode !== 'local' || !me.devIdentity) return null;
  const text = me.authority
    ? t('tab.devIdentity', {
        context: me.role === 'coordinator' ? 'coordinator' : undefined,
        authority: me.authority.shortName,
        state: me.authority.memberState,
      })
    : t('tab.devIdentityUnmapped');
  return (
    <MessageBar intent="warning" data-testid="identity-banner">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
