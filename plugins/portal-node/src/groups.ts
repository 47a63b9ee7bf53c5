/**
 * The fewest people a figure about people (a median, a count of active
 * users) may describe; below it the figure is "too few to show", so no one's
 * own figure can be read off it.
 */
export const MIN_GROUP_SIZE = 5;

/** Whether a figure about `people` people must be withheld. */
export function tooFewToShow(people: number): boolean {
  return people < MIN_GROUP_SIZE;
}
