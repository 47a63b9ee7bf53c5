import { impactOf, teamsToWeigh } from './impact';

const sizes = new Map([
  ['group:default/payments-team', 5],
  ['group:default/identity-and-access-team', 8],
]);

const priya = {
  userRef: 'user:default/priya.sharma',
  teamRef: 'group:default/payments-team',
};
const alex = {
  userRef: 'user:default/alex',
  teamRef: 'group:default/identity-and-access-team',
};

describe('impactOf', () => {
  it('sums the team sizes of the supporters', () => {
    expect(impactOf([priya], sizes)).toBe(5);
    expect(impactOf([priya, alex], sizes)).toBe(13);
  });

  it('counts 1 for a supporter without a team or with an unknown team', () => {
    expect(
      impactOf(
        [
          priya,
          { userRef: 'user:default/kim', teamRef: null },
          { userRef: 'user:default/lee', teamRef: 'group:default/ghosts' },
        ],
        sizes,
      ),
    ).toBe(5 + 1 + 1);
    expect(impactOf([], sizes)).toBe(0);
  });

  it('weighs the reporter of an anonymous report 1, whatever their team', () => {
    expect(impactOf([priya], sizes, priya.userRef)).toBe(1);
    expect(impactOf([priya, alex], sizes, priya.userRef)).toBe(1 + 8);
  });

  it('follows the team sizes it is given', () => {
    const bigger = new Map([...sizes.keys()].map(k => [k, 10]));
    expect(impactOf([priya, alex], bigger)).toBe(20);
  });
});

describe('teamsToWeigh', () => {
  it('names each team once, never the anonymous reporter’s', () => {
    expect(
      teamsToWeigh([
        priya,
        alex,
        { userRef: 'user:default/sam', teamRef: alex.teamRef },
        { userRef: 'user:default/kim', teamRef: null },
      ]),
    ).toEqual([priya.teamRef, alex.teamRef]);
    expect(teamsToWeigh([priya, alex], priya.userRef)).toEqual([alex.teamRef]);
  });
});
