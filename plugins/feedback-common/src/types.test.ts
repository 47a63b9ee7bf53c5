import { allowedNextStatuses, isAllowedTransition } from './types';

describe('lifecycle', () => {
  it('allows forward moves, skipping, and declining from non-final', () => {
    expect(allowedNextStatuses('new')).toEqual([
      'triaged',
      'planned',
      'in-progress',
      'shipped',
      'declined',
    ]);
    expect(isAllowedTransition('new', 'planned')).toBe(true);
    expect(isAllowedTransition('planned', 'triaged')).toBe(false);
    expect(isAllowedTransition('in-progress', 'declined')).toBe(true);
    expect(allowedNextStatuses('shipped')).toEqual([]);
    expect(allowedNextStatuses('declined')).toEqual([]);
    expect(isAllowedTransition('new', 'new')).toBe(false);
  });
});
