import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { goldenPathsApiRef } from '../api';
import { nameProblem, takenSentence } from './names';
import { EntityNameField } from './EntityNameField';
import { EntityTitleField } from './EntityTitleField';
import { ResourceNameField } from './ResourceNameField';
import { ServiceNameField } from './ServiceNameField';
import { TeamOwnerField } from './TeamOwnerField';

/** `ui:field: ServiceNamePicker` */
export const serviceNameFormField = createFormField({
  name: 'ServiceNamePicker',
  component: ServiceNameField,
  validation: async (value: unknown, validation, context) => {
    const name = typeof value === 'string' ? value : '';
    const problem = nameProblem(name);
    if (problem) {
      validation.addError(problem);
      return;
    }
    const api = context.apiHolder.get(goldenPathsApiRef);
    const availability = await api?.checkName(name).catch(() => undefined);
    if (availability && !availability.available) {
      validation.addError(takenSentence(name, availability.takenBy));
    }
  },
});

/** `ui:field: TeamOwnerPicker` */
export const teamOwnerFormField = createFormField({
  name: 'TeamOwnerPicker',
  component: TeamOwnerField,
});

/** `ui:field: EntityName`, the chosen entity's name for the review step */
export const entityNameFormField = createFormField({
  name: 'EntityName',
  component: EntityNameField,
});

/** `ui:field: ResourceName`, the name a self-service template derives */
export const resourceNameFormField = createFormField({
  name: 'ResourceName',
  component: ResourceNameField,
});

/** `ui:field: EntityTitlePicker`, an entity picked and shown by its title */
export const entityTitleFormField = createFormField({
  name: 'EntityTitlePicker',
  component: EntityTitleField,
});
