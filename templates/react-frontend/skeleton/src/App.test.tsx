import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('formats minor units with the currency symbol', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(5, 'GBP')).toBe('£0.05');
  });
});

describe('App', () => {
  it('lists every payment', () => {
    render(<App />);
    const items = within(screen.getByRole('list', { name: 'payments' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Corner Café: €12.50',
      'Book Nook: £49.99',
      'Corner Café: €3.80',
    ]);
  });

  it('filters by merchant as you type', async () => {
    render(<App />);
    await userEvent.type(screen.getByLabelText('Merchant'), 'book');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText('Book Nook: £49.99')).toBeTruthy();
  });

  it('says so when nothing matches', async () => {
    render(<App />);
    await userEvent.type(screen.getByLabelText('Merchant'), 'zzz');
    expect(screen.getByText('No payments match “zzz”.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
