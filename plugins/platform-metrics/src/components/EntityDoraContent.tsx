import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DoraView } from './DoraView';

/** The "DORA" tab of a component or system. */
export function EntityDoraContent() {
  const { entity } = useEntity();
  return (
    <Content noPadding>
      <DoraView entityRef={stringifyEntityRef(entity)} />
    </Content>
  );
}
