import { Button, Checkbox, Combobox, Field, Input, Option, Select, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { ACTION_SCOPES, ACTION_TOPICS, ACTION_TYPES, DESCRIPTION_MAX_LENGTH, FUNDING_SOURCES, TITLE_MAX_LENGTH } from '../../src/plans/vocabulary';
import { FormDialog, useDialogForm, useFormDialogStyles } from './FormDialog';
import type { Participants, ProposalCreated, ProposalFormValues } from './plan';
import { useTabSession } from './TabSession';
import { useResource } from './useResource';

const useStyles = makeStyles({
  surface: { maxWidth: '44rem', width: '100%' },
  choices: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
});

type FormValues = Omit<ProposalFormValues, 'year'> & { year: string };
type ListField = 'states' | 'topics' | 'funding' | 'sectors' | 'priorities';

function emptyForm(year: number): FormValues {
  return { year: String(year), title: '', description: '', type: '', scope: 'multilateral', states: [], leadState: '', leadAuthority: '', sectors: [], topics: [], period: '', funding: [], rationale: '', priorities: [] };
}

/**
 * The tab's "New proposal" form: the fields of an action plus why and the priority it serves,
 * checked by the server with the same command as `/proposal new`. A refusal brings a message per
 * field and keeps everything typed; sending the same form twice (a double click, a retry after a
 * network failure) makes one proposal, as its id goes with it.
 */
export function ProposalForm(props: { defaultYear: number; onCreated: (proposal: ProposalCreated) => void }) {
  const { t, api } = useTabSession();
  const styles = useStyles();
  const thisYear = new Date().getUTCFullYear();
  const formStyles = useFormDialogStyles();
  const form = useDialogForm<FormValues>(() => emptyForm(props.defaultYear), t('plan.form.fixErrors'));
  const { values, setValues, set, error } = form;
  const participants = useResource<Participants>(form.open ? 'participants' : null, () => api.participants());

  const toggle = (key: ListField, value: string, on: boolean) =>
    setValues((previous) => ({ ...previous, [key]: on ? [...previous[key], value] : previous[key].filter((item) => item !== value) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { year, ...fields } = values;
    const formId = form.formId;
    void form.send(() => api.createProposal(Number(year), { ...fields, formId }), (created) => props.onCreated(created));
  };

  const reference = participants.phase === 'loaded' ? participants.value : null;
  const stateName = (code: string) => reference?.memberStates.find((state) => state.code === code)?.name ?? code;
  const leadAuthorities = reference?.authorities.filter((authority) => authority.memberState === values.leadState) ?? [];
  const sectorLabel = (code: string) => reference?.sectors.find((sector) => sector.key === code)?.label ?? code;
  // The coordinators' priorities of the year typed in the form.
  const yearPriorities = reference?.priorities.filter((priority) => String(priority.year) === values.year.trim()) ?? [];

  return (
    <>
      <Button appearance="primary" onClick={() => form.start(emptyForm(props.defaultYear))} data-testid="new-proposal">
        {t('stage.proposals.new')}
      </Button>
      <FormDialog
        form={form}
        name="proposal"
        introId="proposal-form-intro"
        surfaceClassName={styles.surface}
        labels={{ title: t('cycle.proposal.form.title'), intro: t('cycle.proposal.form.intro'), saving: t('tab.update.saving'), cancel: t('stage.form.cancel'), submit: t('cycle.proposal.form.submit') }}
        onSubmit={submit}
      >
        {!reference && <Spinner size="tiny" label={t('tab.loading')} />}
        <div className={formStyles.row}>
          <Field label={t('plan.form.labels.year')} required {...error('year')}>
            <Select value={values.year} onChange={(_, data) => set('year', data.value)} data-testid="proposal-year">
              {[0, 1, 2, 3].map((offset) => (
                <option key={offset} value={String(thisYear + offset)}>
                  {thisYear + offset}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('plan.form.labels.period')} hint={t('plan.form.labels.periodPlaceholder')} {...error('period')}>
            <Input value={values.period} onChange={(_, data) => set('period', data.value)} data-testid="proposal-period" />
          </Field>
        </div>
        <Field label={t('plan.form.labels.actionTitle')} required {...error('title')}>
          <Input value={values.title} maxLength={TITLE_MAX_LENGTH} onChange={(_, data) => set('title', data.value)} data-testid="proposal-title" />
        </Field>
        <Field label={t('plan.form.labels.description')} {...error('description')}>
          <Textarea value={values.description} maxLength={DESCRIPTION_MAX_LENGTH} placeholder={t('plan.form.labels.descriptionPlaceholder')} resize="vertical" onChange={(_, data) => set('description', data.value)} />
        </Field>
        <div className={formStyles.row}>
          <Field label={t('plan.form.labels.type')} required {...error('type')}>
            <Select value={values.type} onChange={(_, data) => set('type', data.value)} data-testid="proposal-type">
              <option value="">{t('stage.form.choose')}</option>
              {ACTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`plan.type.${type}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('plan.form.labels.scope')} required {...error('scope')}>
            <Select value={values.scope} onChange={(_, data) => set('scope', data.value)} data-testid="proposal-scope">
              {ACTION_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {t(`plan.scope.${scope}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t('plan.form.labels.states')} required {...error('states')}>
          <div className={styles.choices} role="group" aria-label={t('plan.form.labels.states')}>
            {reference?.memberStates.map((state) => (
              <Checkbox key={state.code} label={state.name} checked={values.states.includes(state.code)} onChange={(_, data) => toggle('states', state.code, data.checked === true)} data-testid={`proposal-state-${state.code}`} />
            ))}
          </div>
        </Field>
        <div className={formStyles.row}>
          <Field label={t('plan.form.labels.leadState')} required {...error('leadState')}>
            <Select value={values.leadState} onChange={(_, data) => setValues((previous) => ({ ...previous, leadState: data.value, leadAuthority: '' }))} data-testid="proposal-lead-state">
              <option value="">{t('stage.form.choose')}</option>
              {reference?.memberStates.map((state) => (
                <option key={state.code} value={state.code}>
                  {stateName(state.code)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('plan.form.labels.leadAuthority')} {...error('leadAuthority')}>
            <Select value={values.leadAuthority} onChange={(_, data) => set('leadAuthority', data.value)} data-testid="proposal-lead-authority">
              <option value="">{t('stage.form.none')}</option>
              {leadAuthorities.map((authority) => (
                <option key={authority.id} value={authority.id}>
                  {authority.shortName}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t('plan.form.labels.topics')} {...error('topics')}>
          <div className={styles.choices} role="group" aria-label={t('plan.form.labels.topics')}>
            {ACTION_TOPICS.map((topic) => (
              <Checkbox key={topic} label={t(`plan.topic.${topic}`)} checked={values.topics.includes(topic)} onChange={(_, data) => toggle('topics', topic, data.checked === true)} />
            ))}
          </div>
        </Field>
        <Field label={t('plan.form.labels.sectors')} {...error('sectors')}>
          <Combobox
            multiselect
            selectedOptions={values.sectors}
            value={values.sectors.map(sectorLabel).join(', ')}
            placeholder={t('stage.form.chooseSectors')}
            onOptionSelect={(_, data) => set('sectors', data.selectedOptions)}
          >
            {reference?.sectors.map((sector) => (
              <Option key={sector.key} value={sector.key}>
                {sector.label}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field label={t('plan.form.labels.funding')} {...error('funding')}>
          <div className={styles.choices} role="group" aria-label={t('plan.form.labels.funding')}>
            {FUNDING_SOURCES.map((source) => (
              <Checkbox key={source} label={t(`plan.funding.${source}`)} checked={values.funding.includes(source)} onChange={(_, data) => toggle('funding', source, data.checked === true)} />
            ))}
          </div>
        </Field>
        <Field label={t('cycle.proposal.form.rationale')} required {...error('rationale')}>
          <Textarea value={values.rationale} placeholder={t('cycle.proposal.form.rationalePlaceholder')} resize="vertical" onChange={(_, data) => set('rationale', data.value)} data-testid="proposal-rationale" />
        </Field>
        <Field label={t('cycle.proposal.form.priority')} required={yearPriorities.length > 0} hint={reference && yearPriorities.length === 0 ? t('priorities.noneSetYet', { year: values.year }) : undefined} {...error('priorities')}>
          <div className={styles.choices} role="group" aria-label={t('cycle.proposal.form.priority')} data-testid="proposal-priorities">
            {yearPriorities.map((priority) => (
              <Checkbox key={priority.key} label={priority.label} checked={values.priorities.includes(priority.key)} onChange={(_, data) => toggle('priorities', priority.key, data.checked === true)} />
            ))}
          </div>
        </Field>
      </FormDialog>
    </>
  );
}
