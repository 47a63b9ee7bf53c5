import { useEffect } from 'react';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

type Props = FieldExtensionComponentProps<string>;

/**
 * Keeps the display name of the entity chosen in another field of the same
 * step, named by `ui:options.of`, so that the review step shows
 * "Checkout Core" where the form holds `group:default/checkout-core-team`.
 * Shows nothing on the form itself (use it with `ui:widget: hidden`).
 */
export function EntityNameField(props: Props) {
  const of = props.uiSchema?.['ui:options']?.of;
  const chosen =
    typeof of === 'string' ? props.formContext?.formData?.[of] : undefined;
  if (typeof chosen === 'string' && chosen) {
    return <FollowName {...props} entityRef={chosen} />;
  }
  return <ClearName {...props} />;
}

function FollowName({
  entityRef,
  formData,
  onChange,
}: Props & { entityRef: string }) {
  const { primaryTitle } = useEntityPresentation(entityRef);
  useEffect(() => {
    if (primaryTitle !== formData) onChange(primaryTitle);
  }, [primaryTitle, formData, onChange]);
  return null;
}

function ClearName({ formData, onChange }: Props) {
  useEffect(() => {
    if (formData !== undefined) onChange(undefined);
  }, [formData, onChange]);
  return null;
}
