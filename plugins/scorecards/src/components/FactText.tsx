import { Fragment } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** A full entity ref inside a sentence, e.g. `group:default/checkout-core-team`. */
const ENTITY_REF =
  /\b([a-z][a-z0-9-]*):([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)/gi;

/**
 * A check's fact as the backend words it ("owned by
 * group:default/checkout-core-team"), with every entity ref in it shown
 * as the entity's title, linked ("owned by Checkout Core").
 */
export function FactText(props: { text: string }) {
  const parts: Array<string | { ref: string }> = [];
  let last = 0;
  for (const match of props.text.matchAll(ENTITY_REF)) {
    parts.push(props.text.slice(last, match.index), { ref: match[0] });
    last = match.index! + match[0].length;
  }
  parts.push(props.text.slice(last));
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {typeof part === 'string' ? (
            part
          ) : (
            <EntityRefLink entityRef={part.ref} />
          )}
        </Fragment>
      ))}
    </>
  );
}
