// Time from pressing Create (POST /api/scaffolder/v2/tasks) to the new
// component being visible in the catalog API, for the nodejs-api golden path.
// Created components are unregistered and their repositories removed after.
import { rm } from 'node:fs/promises';
import path from 'node:path';

const base = process.env.BACKEND_URL ?? 'http://localhost:3000';
const runs = Number(process.env.RUNS ?? 5);
const dataGit = path.resolve(process.env.GIT_DIR ?? 'data/git');

async function tokenFor(user) {
  const res = await fetch(`${base}/api/auth/demo/refresh`, {
    headers: {
      'x-portal-demo-user': user,
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  return (await res.json()).backstageIdentity.token;
}
const headers = token => ({
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
});
const developer = headers(await tokenFor('priya.sharma'));
const platform = headers(await tokenFor('sam.okafor'));

async function visible(name) {
  const res = await fetch(
    `${base}/api/catalog/entities/by-name/component/default/${name}`,
    { headers: developer },
  );
  return res.ok;
}

const times = [];
for (let i = 0; i < runs; i++) {
  const name = `bench-api-${Date.now().toString(36)}`;
  const start = performance.now();
  const res = await fetch(`${base}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: developer,
    body: JSON.stringify({
      templateRef: 'template:default/nodejs-api',
      values: {
        name,
        // priya.sharma's own team: only members may create for it.
        owner: 'group:default/checkout-core-team',
        system: 'system:default/payment-system',
        description: 'Benchmark',
        pagerdutyServiceId: 'PBENCH1',
      },
    }),
  });
  if (res.status !== 201)
    throw new Error(`create: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  for (;;) {
    if (await visible(name)) break;
    const task = await (
      await fetch(`${base}/api/scaffolder/v2/tasks/${id}`, {
        headers: developer,
      })
    ).json();
    if (task.status === 'failed') throw new Error(`task ${id} failed`);
    await new Promise(r => setTimeout(r, 50));
  }
  const seconds = (performance.now() - start) / 1000;
  times.push(seconds);
  console.log(
    `run ${i + 1}: ${name} visible in the catalog after ${seconds.toFixed(
      2,
    )} s`,
  );

  const loc = await fetch(
    `${base}/api/catalog/locations/by-entity/component/default/${name}`,
    { headers: platform },
  );
  if (loc.ok) {
    const { id: locationId } = await loc.json();
    await fetch(`${base}/api/catalog/locations/${locationId}`, {
      method: 'DELETE',
      headers: platform,
    });
  }
  await rm(path.join(dataGit, `${name}.git`), { recursive: true, force: true });
  await rm(path.join(dataGit, 'checkouts', name), {
    recursive: true,
    force: true,
  });
}
times.sort((a, b) => a - b);
console.log(
  `create -> visible in catalog: median ${times[
    Math.floor(times.length / 2)
  ].toFixed(2)} s, max ${times[times.length - 1].toFixed(
    2,
  )} s over ${runs} runs (target < 15 s)`,
);
