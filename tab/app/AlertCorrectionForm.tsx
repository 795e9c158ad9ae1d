import { Button, Dropdown, Field, Input, Option, Select, Spinner, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { asApiFailure } from './api';
import { FormMessage, validation, type FormNotice } from './formFields';
import { StaleAlert, type AlertChanged, type AlertCorrection, type RecordDetail } from './recordsApi';
import { useRecordsApi } from './useRecordsApi';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalM },
  heading: { margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  rowField: { flex: '1 1 10rem', minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

type Edit = NonNullable<RecordDetail['alertEdit']>;

/** Multi-select with the chosen values' labels on the button, as the reader's language names them. */
function MultiChoice(props: { label: string; choices: Edit['choices']['countries']; value: string[]; onChange: (value: string[]) => void; error?: string; testId: string }) {
  const labels = new Map(props.choices.map((choice) => [choice.key, choice.label]));
  return (
    <Field label={props.label} required {...validation(props.error)}>
      <Dropdown
        multiselect
        selectedOptions={props.value}
        value={props.value.map((key) => labels.get(key) ?? key).join(', ')}
        onOptionSelect={(_, data) => props.onChange(data.selectedOptions)}
        data-testid={props.testId}
      >
        {props.choices.map((choice) => (
          <Option key={choice.key} value={choice.key}>
            {choice.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/**
 * The correction and the withdrawal of a posted alert, for its author or a coordinator of their
 * state (the server decided it: `alert.alertEdit` is there only for them). Sent with the version
 * shown; a refusal keeps everything typed, with the server's words beside each field; a stale view
 * takes the alert as it is now and keeps what was typed, as the bot's form does.
 */
export function AlertCorrectionForm(props: { alert: RecordDetail; edit: Edit; onChanged: (alert: RecordDetail, message: string) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const records = useRecordsApi();
  const { alert, edit } = props;
  const [values, setValues] = useState(edit.values);
  const [version, setVersion] = useState(edit.version);
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormNotice>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setVersion(edit.version), [edit.version]);

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((current) => ({ ...current, [key]: value }));
  const setIdentifier = (index: number, part: 'type' | 'value' | 'country', value: string) =>
    setValues((current) => ({ ...current, identifiers: current.identifiers.map((row, i) => (i === index ? { ...row, [part]: value } : row)) }));

  async function send(change: () => Promise<AlertChanged>, done: (changed: AlertChanged) => string) {
    setFields({});
    setMessage(null);
    setSaving(true);
    try {
      const changed = await change();
      setReason('');
      props.onChanged(changed, done(changed));
    } catch (error) {
      if (error instanceof StaleAlert) {
        // The newer alert is shown above; the form keeps the values typed, now at its version.
        setVersion(error.current.alertEdit?.version ?? version);
        setMessage({ intent: 'warning', text: error.serverMessage });
        props.onChanged(error.current, '');
        return;
      }
      const failure = asApiFailure(error);
      if (failure.kind === 'invalid' && Object.keys(failure.fields).length > 0) {
        setFields(failure.fields);
        setMessage({ intent: 'error', text: t('alertEdit.form.fixErrors') });
      } else {
        setMessage({ intent: 'error', text: failure.serverMessage ?? t(`tab.state.${failure.kind}.body`) });
      }
    } finally {
      setSaving(false);
    }
  }

  const correct = (event: FormEvent) => {
    event.preventDefault();
    const correction: AlertCorrection = { version, ...values };
    void send(() => records.correctAlert(alert.ref, correction), () => t('alertTab.ui.saved'));
  };
  const withdraw = () => void send(() => records.withdrawAlert(alert.ref, { version, reason }), () => t('alertTab.ui.withdrawnDone'));
  const identifierError = (index: number) => fields[`identifiers.${index}`] ?? (index === 0 ? fields.identifiers : undefined);

  // noValidate: the server's checks answer, field by field and in the reader's words, as on the bot's form.
  return (
    <form className={styles.form} onSubmit={correct} noValidate data-testid="alert-correction" aria-label={t('alertTab.ui.correctHeading')}>
      <Text as="h4" size={300} weight="semibold" className={styles.heading}>
        {t('alertTab.ui.correctHeading')}
      </Text>
      <Text size={200}>{t('alertEdit.form.intro')}</Text>
      <FormMessage notice={message} testId="correction-message" />
      <Field label={t('alerts.form.summary')} required {...validation(fields.summary)} hint={t('alerts.form.minimisationHint')}>
        <Textarea value={values.summary} maxLength={edit.summaryMaxLength} resize="vertical" rows={4} onChange={(_, data) => set('summary', data.value)} data-testid="correction-summary" />
      </Field>
      <Text weight="semibold">{t('alerts.form.identifiersHeader')}</Text>
      {values.identifiers.map((row, index) => (
        <div key={index} className={styles.row} role="group" aria-label={t('alertTab.ui.identifierRow', { number: index + 1 })}>
          <Field className={styles.rowField} label={t('alerts.form.identifierType')} {...validation(identifierError(index))}>
            <Select value={row.type} onChange={(_, data) => setIdentifier(index, 'type', data.value)} data-testid={`correction-identifier-type-${index}`}>
              <option value="">{t('alertTab.ui.chooseType')}</option>
              {edit.choices.identifierTypes.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.rowField} label={t('alerts.form.identifierValue')}>
            <Input value={row.value} onChange={(_, data) => setIdentifier(index, 'value', data.value)} data-testid={`correction-identifier-value-${index}`} />
          </Field>
          <Field className={styles.rowField} label={t('alerts.form.identifierCountry')}>
            <Select value={row.country} onChange={(_, data) => setIdentifier(index, 'country', data.value)}>
              <option value="">{t('alerts.form.chooseCountry')}</option>
              {edit.choices.countries.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ))}
      <MultiChoice label={t('alerts.form.countriesConcerned')} choices={edit.choices.countries} value={values.countriesConcerned} onChange={(value) => set('countriesConcerned', value)} error={fields.countriesConcerned} testId="correction-countries" />
      <MultiChoice label={t('alerts.form.fraudTypes')} choices={edit.choices.fraudTypes} value={values.fraudTypes} onChange={(value) => set('fraudTypes', value)} error={fields.fraudTypes} testId="correction-fraud-types" />
      <Field label={t('alerts.form.urgency')} required {...validation(fields.urgency)}>
        <Select value={values.urgency} onChange={(_, data) => set('urgency', data.value)} data-testid="correction-urgency">
          {edit.choices.urgencies.map((choice) => (
            <option key={choice.key} value={choice.key}>
              {choice.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} data-testid="correction-save">
          {t('alertEdit.form.save')}
        </Button>
        {saving && <Spinner size="tiny" label={t('alertTab.ui.saving')} />}
      </div>
      <Text as="h4" size={300} weight="semibold" className={styles.heading}>
        {t('alertTab.ui.withdrawHeading')}
      </Text>
      <Field label={t('alertEdit.form.reason')} required {...validation(fields.reason)}>
        <Textarea value={reason} maxLength={edit.reasonMaxLength} resize="vertical" rows={2} onChange={(_, data) => setReason(data.value)} data-testid="correction-reason" />
      </Field>
      <div className={styles.actions}>
        <Button appearance="secondary" disabledFocusable={saving} onClick={withdraw} data-testid="correction-withdraw">
          {t('alertEdit.form.withdraw')}
        </Button>
      </div>
    </form>
  );
}
