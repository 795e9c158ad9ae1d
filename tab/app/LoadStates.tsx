import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import type { ApiFailure } from './api';
import { useTabSession } from './TabSession';

export function Loading(props: { label: string }) {
  return <Spinner label={props.label} labelPosition="below" role="status" />;
}

/**
 * Explains a failed call in the user's language: a refusal in the server's own words (already
 * translated), an unexpected failure with the server's correlation id, anything else from the catalogue.
 */
export function FailureMessage(props: { failure: ApiFailure; year?: number | null; retry?: () => void; texts?: 'tab.state' | 'tabRequests.state' }) {
  const { t } = useTabSession();
  const { failure, year, retry } = props;
  // Each view explains failures in its own words (the plan's "could not load the plan", the requests' own).
  const texts = props.texts ?? 'tab.state';
  const title = t(`${texts}.${failure.kind}.title`, { year });
  const body =
    failure.kind === 'server' && failure.correlationId
      ? t('errors.unexpected', { correlationId: failure.correlationId })
      : failure.serverMessage && failure.kind !== 'unauthorised' && failure.kind !== 'server'
        ? failure.serverMessage
        : t(`${texts}.${failure.kind}.body`, { year });
  const intent = failure.kind === 'planNotFound' || failure.kind === 'stale' ? 'warning' : 'error';
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="error" data-failure={failure.kind}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {body}
      </MessageBarBody>
      {retry && failure.kind !== 'planNotFound' && (
        <MessageBarActions>
          <Button onClick={retry}>{t('tab.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function EmptyMessage(props: { title?: string; body: string }) {
  return (
    <MessageBar intent="info" layout="multiline" data-testid="empty">
      <MessageBarBody>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.body}
      </MessageBarBody>
    </MessageBar>
  );
}
