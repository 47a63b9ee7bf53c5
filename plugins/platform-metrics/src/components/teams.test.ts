import Papa from 'papaparse';
import {
  CSV_HEADER,
  csvFileName,
  downloadFile,
  sortTeams,
  teamsCsv,
} from './teams';
import {
  makeMetrics,
  makeTeam,
  metric,
} from '../testUtils/fakePlatformMetricsApi';

const payments = makeTeam('payments-team', {
  title: 'Payments',
  services: 5,
  goldenPathShare: 0.8,
  overallBand: 'elite',
  metrics: makeMetrics({ leadTime: metric(4, 'hours', 'elite') }),
});
const lending = makeTeam('lending-team', {
  title: 'Lending',
  services: 2,
  goldenPathShare: 0.25,
  overallBand: 'low',
  metrics: makeMetrics({ leadTime: metric(400, 'hours', 'low') }),
});
const cards = makeTeam('cards-team', {
  title: 'Cards',
  services: 4,
  goldenPathShare: null,
  overallBand: 'medium',
  metrics: makeMetrics({ leadTime: metric(100, 'hours', 'medium') }),
});
const data = makeTeam('data-team', {
  title: 'Data',
  services: 0,
  goldenPathShare: null,
  overallBand: 'none',
  metrics: makeMetrics({ leadTime: metric(null, 'hours', 'none') }),
});
const all = [payments, lending, cards, data];
const titles = (rows: typeof all) => rows.map(r => r.title);

describe('sortTeams', () => {
  it('sorts by lead time, teams without data last either way', () => {
    expect(
      titles(sortTeams(all, { key: 'leadTime', direction: 'asc' })),
    ).toEqual(['Payments', 'Cards', 'Lending', 'Data']);
    expect(
      titles(sortTeams(all, { key: 'leadTime', direction: 'desc' })),
    ).toEqual(['Lending', 'Cards', 'Payments', 'Data']);
  });

  it('sorts by title, services, golden-path share and band', () => {
    expect(titles(sortTeams(all, { key: 'title', direction: 'asc' }))).toEqual([
      'Cards',
      'Data',
      'Lending',
      'Payments',
    ]);
    expect(
      titles(sortTeams(all, { key: 'services', direction: 'desc' })),
    ).toEqual(['Payments', 'Cards', 'Lending', 'Data']);
    // Cards and Data have no share: last, in title order
    expect(
      titles(sortTeams(all, { key: 'goldenPathShare', direction: 'desc' })),
    ).toEqual(['Payments', 'Lending', 'Cards', 'Data']);
    expect(
      titles(sortTeams(all, { key: 'overallBand', direction: 'asc' })),
    ).toEqual(['Payments', 'Cards', 'Lending', 'Data']);
  });

  it('does not change the array it is given', () => {
    sortTeams(all, { key: 'title', direction: 'asc' });
    expect(titles(all)).toEqual(['Payments', 'Lending', 'Cards', 'Data']);
  });
});

describe('teamsCsv', () => {
  it('writes the header and the rows in the order given', () => {
    const csv = teamsCsv([lending, payments]);
    expect(csv.split('\r\n')).toEqual([
      'Team,Entity ref,Services,Golden-path share (%),Deployment frequency (deploys/day),Lead time (hours),Change failure rate (%),Time to restore (hours),Band,Deployments,Changes,Incidents',
      'Lending,group:default/lending-team,2,25,2,400,12,200,Low,60,120,4',
      'Payments,group:default/payments-team,5,80,2,4,12,200,Elite,60,120,4',
    ]);
  });

  it('leaves missing numbers empty and quotes what needs quoting', () => {
    const odd = makeTeam('odd', {
      title: 'Ops, "SRE"',
      goldenPathShare: null,
      overallBand: 'none',
      metrics: makeMetrics({ leadTime: metric(null, 'hours', 'none') }),
    });
    const evil = makeTeam('evil', { title: '=HYPERLINK("x")' });
    const parsed = Papa.parse<string[]>(teamsCsv([odd, evil]), {
      skipEmptyLines: true,
    }).data;
    expect(parsed[0]).toEqual(CSV_HEADER);
    expect(parsed[1][0]).toBe('Ops, "SRE"');
    expect(parsed[1][3]).toBe('');
    expect(parsed[1][5]).toBe('');
    expect(parsed[1][8]).toBe('No data for this period');
    // formulas are neutralised for spreadsheets
    expect(parsed[2][0]).toBe(`'=HYPERLINK("x")`);
  });

  it('names the file after the window and the day', () => {
    expect(csvFileName(90, new Date('2026-11-22T10:00:00Z'))).toBe(
      'platform-metrics-teams-90d-2026-11-22.csv',
    );
  });
});

describe('downloadFile', () => {
  it('clicks a link to a Blob of the text', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    downloadFile('a,b\r\n1,2', 'x.csv');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('x.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:test');
    expect(await blobs[0].text()).toBe('a,b\r\n1,2');
    expect(blobs[0].type).toBe('text/csv;charset=utf-8');
    click.mockRestore();
  });
});
