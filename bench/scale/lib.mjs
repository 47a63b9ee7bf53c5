// Shared by the scale bench's scripts: demo sign-in tokens and timing.
export const PORT = Number(process.env.PORT ?? 7580);
export const BASE = process.env.BASE ?? `http://localhost:${PORT}`;

const tokens = new Map();
/** A user token through demo sign-in, as the app gets one. */
export async function userToken(user, base = BASE) {
  if (tokens.has(user)) return tokens.get(user);
  const res = await fetch(`${base}/api/auth/demo/refresh`, {
    headers: { 'x-portal-demo-user': user },
  });
  if (!res.ok)
    throw new Error(`sign-in as ${user}: ${res.status} ${await res.text()}`);
  const token = (await res.json()).backstageIdentity.token;
  tokens.set(user, token);
  return token;
}

export async function getJson(path, token, base = BASE) {
  const res = await fetch(`${base}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function postJson(path, token, body, base = BASE) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Resident memory (MB) of a process group, from /proc. */
export function groupRssMb(fs, pgid) {
  let kb = 0;
  for (const pid of fs.readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) !== pgid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(
        fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}
