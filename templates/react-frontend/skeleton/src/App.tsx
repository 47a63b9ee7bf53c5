import { useState } from 'react';
import { formatMoney } from './money';

export interface Payment {
  id: string;
  merchant: string;
  amount: number;
  currency: string;
}

const SAMPLE: Payment[] = [
  { id: 'pay_1', merchant: 'Corner Café', amount: 1250, currency: 'EUR' },
  { id: 'pay_2', merchant: 'Book Nook', amount: 4999, currency: 'GBP' },
  { id: 'pay_3', merchant: 'Corner Café', amount: 380, currency: 'EUR' },
];

export function App({ payments = SAMPLE }: { payments?: Payment[] }) {
  const [query, setQuery] = useState('');
  const shown = payments.filter((p) =>
    p.merchant.toLowerCase().includes(query.trim().toLowerCase()),
  );

  return (
    <main>
      <h1>Payments</h1>
      <label>
        Merchant{' '}
        <input value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {shown.length === 0 ? (
        <p>No payments match “{query}”.</p>
      ) : (
        <ul aria-label="payments">
          {shown.map((p) => (
            <li key={p.id}>
              {p.merchant}: {formatMoney(p.amount, p.currency)}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
