import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** What a form says above its fields after a send: its outcome, or why the server refused it. */
export type FormNotice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

/** A Field's validation props for the server's message on it, if there is one. */
export function validation(message: string | undefined) {
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

/** The form's notice; `data-intent` lets a test tell a refusal from a success without reading the words. */
export function FormMessage(props: { notice: FormNotice; testId: string }) {
  const { notice } = props;
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline" data-testid={props.testId} data-intent={notice.intent}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
