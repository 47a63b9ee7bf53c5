/** A measurement time for people: the day and the time, UTC. */
export function formatMeasured(iso: string | null): string {
  if (!iso) return 'never measured';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The name of an entity ref without kind and namespace. */
export function shortRef(ref: string | null): string {
  if (!ref) return '(no owner)';
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}

/** Catalog path of an entity ref, e.g. /catalog/default/component/x. */
export function catalogPath(ref: string): string {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!m) return '/catalog';
  return `/catalog/${m[2]}/${m[1]}/${m[3]}`;
}
