import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { asApiFailure } from './api';
import { FormMessage, validation, type FormNotice } from './formFields';
import { useTabSession } from './TabSession';

export const useFormDialogStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', gap: tokens.spacingHorizontalM },
});

/**
 * The state of a form in a dialog that creates something on the server: its values, the server's
 * words per field, and an id made anew each time it opens, so that a double click or a retry sends
 * the same id and makes one change. `fixErrors` is the form's words for "see the fields below".
 */
export function useDialogForm<V extends object>(initial: V | (() => V), fixErrors: string) {
  const { t } = useTabSession();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<V>(initial);
  const [formId, setFormId] = useState(() => crypto.randomUUID());
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormNotice>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const error = (field: string) => validation(fields[field]);

  const start = (values: V) => {
    setValues(values);
    setFormId(crypto.randomUUID());
    setFields({});
    setMessage(null);
    setOpen(true);
  };

  /** A refusal found before sending, shown as the server's would be. */
  const refuse = (refused: Record<string, string>) => {
    setFields(refused);
    setMessage({ intent: 'warning', text: fixErrors });
  };

  /** Sends; on success the dialog closes before `done`, on a refusal it stays open with what was typed. */
  const send = async <R,>(call: () => Promise<R>, done: (result: R) => void) => {
    setSaving(true);
    setFields({});
    setMessage(null);
    try {
      const result = await call();
      setOpen(false);
      done(result);
    } catch (failed) {
      const failure = asApiFailure(failed);
      setFields(failure.fields);
      const general = failure.kind === 'invalid' && Object.keys(failure.fields).length > 0 ? fixErrors : (failure.serverMessage ?? t(`tab.state.${failure.kind}.body`));
      setMessage({ intent: failure.kind === 'invalid' ? 'warning' : 'error', text: general });
    } finally {
      setSaving(false);
    }
  };

  return { open, setOpen, values, setValues, set, formId, error, message, saving, start, refuse, send };
}

/**
 * The dialog around such a form: title, intro (the dialog's description), the form's message,
 * the fields, and cancel and submit. Test ids follow `name`: `name-form`, `name-form-message`,
 * `name-submit`.
 */
export function FormDialog(props: {
  form: { open: boolean; setOpen: (open: boolean) => void; message: FormNotice; saving: boolean };
  name: string;
  introId: string;
  surfaceClassName: string;
  labels: { title: string; intro: string; saving: string; cancel: string; submit: string };
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const styles = useFormDialogStyles();
  const { form, labels } = props;
  // Mounted only while open: a mounted Fluent dialog has Tabster put focusable, aria-hidden guards on the page.
  if (!form.open) return null;
  return (
    <Dialog open={form.open} onOpenChange={(_, data) => form.setOpen(data.open)}>
      <DialogSurface className={props.surfaceClassName} aria-describedby={props.introId}>
        <form onSubmit={props.onSubmit} data-testid={`${props.name}-form`} noValidate>
          <DialogBody>
            <DialogTitle>{labels.title}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text id={props.introId}>{labels.intro}</Text>
              <FormMessage notice={form.message} testId={`${props.name}-form-message`} />
              {props.children}
            </DialogContent>
            <DialogActions>
              {form.saving && <Spinner size="tiny" label={labels.saving} />}
              <Button appearance="secondary" onClick={() => form.setOpen(false)}>
                {labels.cancel}
              </Button>
              <Button type="submit" appearance="primary" disabledFocusable={form.saving} data-testid={`${props.name}-submit`}>
                {labels.submit}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
