import { Button, Field, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { asApiFailure } from './api';
import { FormMessage, validation, type FormNotice } from './formFields';
import type { ActionDetail, ActionStatus } from './plan';
import { useTabSession } from './TabSession';
// The domain's own rules, bundled into the tab, so the form says what the server will check.
import { NOTE_MAX_LENGTH } from '../../src/plans/vocabulary';
import { REASON_REQUIRED } from '../../src/plans/transitions';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * Status and note, posted with the version the person sees. A refusal keeps what they typed; a
 * stale view is replaced by the newer action (`onStale`) with the server's explanation above it.
 */
export function UpdateForm(props: { action: ActionDetail; onSaved: (action: ActionDetail) => void; onStale: (current: ActionDetail) => void; compact?: boolean }) {
  const { t, api } = useTabSession();
  const styles = useStyles();
  const { action } = props;
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormNotice>(null);

  const options = [action.status, ...action.allowedNext];
  // A newer version of the action may not allow the step chosen before: fall back to "keep".
  useEffect(() => {
    if (!options.includes(status)) setStatus(action.status);
  }, [action.version]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setMessage(null);
    setSaving(true);
    try {
      const saved = await api.postUpdate(action.ref, { status, note, version: action.version });
      setNote('');
      setStatus(saved.status);
      setMessage({
        intent: 'success',
        text:
          saved.posted === 'note'
            ? t('plan.card.noteAdded')
            : t('plan.card.statusChanged', { ref: saved.ref, from: t(`plan.status.${action.status}`), to: t(`plan.status.${saved.status}`) }),
      });
      props.onSaved(saved);
    } catch (error) {
      const failure = asApiFailure(error);
      if (failure.kind === 'stale' && failure.current) {
        setMessage({ intent: 'warning', text: failure.serverMessage ?? t('tab.state.stale.body') });
        props.onStale(failure.current);
      } else if (failure.kind === 'invalid') {
        setFields(failure.fields);
        const general = Object.entries(failure.fields).filter(([field]) => field !== 'status' && field !== 'note');
        setMessage({ intent: 'error', text: general.length > 0 ? general.map(([, text]) => text).join(' ') : t('plan.form.fixErrors') });
      } else {
        setMessage({ intent: 'error', text: failure.serverMessage ?? t(`tab.state.${failure.kind}.body`) });
      }
    } finally {
      setSaving(false);
    }
  };

  const reasonRequired = REASON_REQUIRED.has(status);
  return (
    <form className={styles.form} onSubmit={submit} data-testid="update-form" aria-label={t('plan.card.labels.updateHeading')}>
      <FormMessage notice={message} testId="update-message" />
      <Field label={t('plan.card.labels.newStatus')} {...validation(fields.status)} hint={props.compact ? undefined : t('plan.card.labels.updateHint')}>
        <Select value={status} onChange={(_, data) => setStatus(data.value as ActionStatus)} data-testid="update-status">
          {options.map((option, index) => (
            <option key={option} value={option}>
              {index === 0 ? t('plan.card.keepStatus', { status: t(`plan.status.${option}`) }) : t(`plan.status.${option}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t('plan.card.labels.note')}
        required={reasonRequired}
        validationMessage={fields.note ?? (reasonRequired ? t('tab.update.reasonHint') : undefined)}
        validationState={fields.note ? 'error' : 'none'}
      >
        <Textarea
          value={note}
          maxLength={NOTE_MAX_LENGTH}
          resize="vertical"
          rows={props.compact ? 2 : 3}
          placeholder={t('plan.card.labels.notePlaceholder')}
          onChange={(_, data) => setNote(data.value)}
          data-testid="update-note"
        />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} data-testid="update-submit">
          {t('plan.card.labels.submit')}
        </Button>
        {saving && <Spinner size="tiny" label={t('tab.update.saving')} />}
      </div>
    </form>
  );
}
