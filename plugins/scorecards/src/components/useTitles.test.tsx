import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { useTitles } from './useTitles';

jest.setTimeout(30_000);

const TITLES: Record<string, string> = {
  'group:default/checkout-core-team': 'Checkout Core',
};

function Labels({ refs }: { refs: Array<string | null> }) {
  const title = useTitles(refs);
  return (
    <ul>
      {refs.map(ref => (
        <li key={String(ref)}>{title(ref)}</li>
      ))}
    </ul>
  );
}

describe('useTitles', () => {
  it("labels refs with the catalog's titles, short refs otherwise", async () => {
    const presentation = {
      forEntity: (ref: string) => ({
        snapshot: { entityRef: ref, primaryTitle: ref },
        promise: Promise.resolve({
          entityRef: ref,
          primaryTitle: TITLES[ref] ?? ref.replace(/^.*\//, ''),
        }),
      }),
    };
    await renderInTestApp(
      <Labels
        refs={['group:default/checkout-core-team', 'group:default/zeta', null]}
      />,
      { apis: [[entityPresentationApiRef, presentation as any]] },
    );
    expect(await screen.findByText('Checkout Core')).toBeInTheDocument();
    expect(screen.getByText('zeta')).toBeInTheDocument();
    expect(screen.getByText('(no owner)')).toBeInTheDocument();
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();
  });
});
