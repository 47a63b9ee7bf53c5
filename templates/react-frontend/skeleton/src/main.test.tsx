import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// main.tsx mounts the app when the page loads; each test loads it afresh.
describe('main', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.resetModules();
  });

  it('mounts the app into #root', async () => {
    document.body.innerHTML = '<div id="root"></div>';
    await act(async () => {
      await import('./main');
    });
    expect(screen.getByRole('list', { name: 'payments' })).toBeTruthy();
  });

  it('says which element is missing on a page without #root', async () => {
    await expect(import('./main')).rejects.toThrow(
      'index.html has no #root element',
    );
  });
});
