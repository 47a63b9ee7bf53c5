import { titleFirst, titleMatch } from './titleFirst';

const result = (title: string, kind: string, rank: number) => ({
  type: 'software-catalog',
  document: { title, text: '', location: `/${kind}/${title}`, kind },
  rank,
});

describe('titleFirst', () => {
  it('grades titles: the search itself, its words, word starts, the rest', () => {
    expect(
      titleMatch('payment-routing-service', 'payment routing service'),
    ).toBe(0);
    expect(titleMatch('payment-routing-service', 'payment')).toBe(1);
    expect(titleMatch('Payments', 'payment')).toBe(2);
    expect(titleMatch('Checkout Core', 'payment')).toBe(3);
    expect(titleMatch(undefined, 'payment')).toBe(3);
  });

  it('puts the service named by the search before longer words that stem alike', () => {
    const page = [
      result('payment-postgres-db', 'resource', 1),
      result('Payments', 'domain', 1),
      result('Payments', 'system', 2),
      result('Payments', 'group', 3),
      result('payment-routing-service', 'component', 4),
      result('Checkout Core', 'group', 5),
      result('payment-routing-api', 'api', 6),
    ];
    const ranked = titleFirst(page, 'payment');
    expect(
      ranked.map(r => `${r.document.title}/${(r.document as any).kind}`),
    ).toEqual([
      'payment-routing-service/component',
      'payment-routing-api/api',
      'payment-postgres-db/resource',
      'Payments/system',
      'Payments/domain',
      'Payments/group',
      'Checkout Core/group',
    ]);
    expect(ranked.map(r => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('puts an entity before its docs pages of the same title', () => {
    const docs = {
      ...result('Payment routing service', 'docs', 1),
      type: 'techdocs',
    };
    const ranked = titleFirst(
      [docs, result('payment-routing-service', 'component', 2)],
      'payment',
    );
    expect(ranked.map(r => r.type)).toEqual(['software-catalog', 'techdocs']);
  });

  it('leaves an empty search and a later page in the engine order', () => {
    const page = [result('b', 'component', 26), result('a', 'component', 27)];
    expect(titleFirst(page, ' ')).toBe(page);
    expect(titleFirst(page, 'a').map(r => r.rank)).toEqual([26, 27]);
  });
});
