import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_SEVERITIES,
} from '@internal/plugin-feedback-common';
import { findEntity, refOf, titleOf } from '../catalog';
import { Output, nameOf, table } from '../format';
import { signedIn } from '../session';

export { FEEDBACK_CATEGORIES, FEEDBACK_SEVERITIES };

/** Files a friction report on a service, as its page's feedback button does. */
export async function feedback(
  args: {
    service: string;
    text: string;
    anonymous?: boolean;
    category: string;
    severity: string;
    url?: string;
    json?: boolean;
  },
  io: Output,
) {
  const client = await signedIn(args.url);
  const entity = await findEntity(client, 'component', args.service);
  const report = await client.post<{
    id: string;
    status: string;
    anonymous: boolean;
  }>(
    '/api/feedback/reports',
    {
      entityRef: refOf(entity),
      category: args.category,
      severity: args.severity,
      text: args.text,
      anonymous: Boolean(args.anonymous),
    },
    'Feedback',
  );
  const link = `${client.url}/feedback/${report.id}`;
  if (args.json) {
    io.out(JSON.stringify({ ...report, url: link }));
    return;
  }
  io.out(
    `Thanks: your ${report.anonymous ? 'anonymous ' : ''}report on ${titleOf(
      entity,
    )} is ${report.status}. Follow it at ${link}`,
  );
}

interface ShippedWeek {
  week: string;
  items: Array<{
    id: string;
    entityRef: string;
    text: string;
    shippedAt: string;
  }>;
}

/** What the platform team shipped lately: the weekly changelog of the feedback page. */
export async function whatsnew(
  args: { weeks: number; url?: string; json?: boolean },
  io: Output,
) {
  const client = await signedIn(args.url);
  const page = await client.get<{ items: ShippedWeek[] }>(
    '/api/feedback/shipped',
    { weeks: args.weeks },
  );
  if (args.json) {
    io.out(JSON.stringify(page));
    return;
  }
  if (!page.items.length) {
    io.out(`Nothing shipped in the last ${args.weeks} weeks.`);
    return;
  }
  const rows: string[][] = [];
  for (const week of page.items) {
    for (const item of week.items) {
      const line = item.text.split('\n')[0];
      rows.push([
        week.week,
        nameOf(item.entityRef),
        line.length > 80 ? `${line.slice(0, 77)}...` : line,
      ]);
    }
  }
  io.out(table(rows, ['Week', 'Service', 'Shipped']));
}
