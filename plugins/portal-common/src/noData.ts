/**
 * What a figure reads where there is nothing to compute it from (no
 * deployment, incident or answer in the period shown), in the same words
 * on every page that shows figures.
 */
export const NO_DATA = 'No data for this period';
