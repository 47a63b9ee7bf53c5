/** The longest name a golden path accepts (a DNS label). */
export const MAX_NAME_LENGTH = 63;

/**
 * What is wrong with a new service or resource name, as a sentence a person
 * can act on; undefined when it is a valid DNS label.
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Give it a name, e.g. orders-api.';
  if (name.length > MAX_NAME_LENGTH) {
    return `Use at most ${MAX_NAME_LENGTH} characters (this one has ${name.length}).`;
  }
  if (/[A-Z]/.test(name)) {
    return `Use lowercase letters only: ${name.toLocaleLowerCase('en-US')}.`;
  }
  if (/[^a-z0-9-]/.test(name)) {
    return 'Use only lowercase letters, digits and hyphens (no spaces, underscores or dots).';
  }
  if (!/^[a-z]/.test(name)) return 'Start the name with a letter.';
  if (name.endsWith('-')) return 'End the name with a letter or a digit.';
  return undefined;
}

/** The sentence for a name another entity already has. */
export function takenSentence(name: string, takenBy?: string): string {
  const kind = takenBy?.split(':')[0];
  const by = kind ? ` by ${kind === 'api' ? 'API' : kind} ${name}` : '';
  return `${name} is already taken${by}; choose another name.`;
}
