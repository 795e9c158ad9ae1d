import { Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { IdentityBanner } from './IdentityBanner';
import { usePageStyles } from './pageStyles';
import type { Me } from './plan';
import { useTabSession } from './TabSession';
import { ViewSwitch } from './ViewSwitch';

/**
 * The top of every full-page view, so that each says who is signed in, offers the other views and
 * names itself the same way. `tools` (the view's buttons) stand at the header's end; without them
 * there is no tools box.
 */
export function PageHeader(props: { me: Me | null; heading: string; tools?: ReactNode }) {
  const { t } = useTabSession();
  const page = usePageStyles();
  return (
    <>
      <IdentityBanner me={props.me} />
      <ViewSwitch />
      <header className={page.header}>
        <div>
          <Text size={200} className={page.brand}>
            {t('app.name')}
          </Text>
          <Text as="h1" size={700} weight="semibold" className={page.heading}>
            {props.heading}
          </Text>
        </div>
        {props.tools !== undefined && <div className={page.tools}>{props.tools}</div>}
      </header>
    </>
  );
}
