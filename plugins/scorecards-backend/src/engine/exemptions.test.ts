import { resolve as resolvePath } from 'node:path';
import { loadScorecards } from './definitions';
import { addDays, exemptionRequestRule } from './exemptions';

const [production] = loadScorecards(
  ['scorecards/production-readiness.yaml'],
  resolvePath(__dirname, '../../../..'),
);
const TODAY = '2026-11-26';

describe('exemptionRequestRule', () => {
  it('gives the rule of the check: defaults, and what the file says', () => {
    expect(
      exemptionRequestRule(
        production,
        { checkId: 'coverage', expiresOn: '2026-12-26' },
        TODAY,
      ).rule,
    ).toEqual({ by: 'owner', maxDays: 90, needsApproval: false });
    expect(
      exemptionRequestRule(
        production,
        { checkId: 'vulnerabilities', expiresOn: '2026-12-26' },
        TODAY,
      ).rule,
    ).toEqual({ by: 'owner', maxDays: 30, needsApproval: true });
  });

  it('refuses a check no one may exempt, unknown checks and too long or past expiries', () => {
    expect(() =>
      exemptionRequestRule(
        production,
        { checkId: 'owner', expiresOn: '2026-12-01' },
        TODAY,
      ),
    ).toThrow("'Owned by a team' cannot be exempted");
    expect(() =>
      exemptionRequestRule(
        production,
        { checkId: 'nope', expiresOn: '2026-12-01' },
        TODAY,
      ),
    ).toThrow("checkId: 'nope' is not a check of production-readiness");
    expect(() =>
      exemptionRequestRule(
        production,
        { checkId: 'vulnerabilities', expiresOn: addDays(TODAY, 31) },
        TODAY,
      ),
    ).toThrow('may be exempted for at most 30 days');
    expect(() =>
      exemptionRequestRule(
        production,
        { checkId: 'coverage', expiresOn: '2026-11-25' },
        TODAY,
      ),
    ).toThrow('must not be in the past');
  });
});
