import { Suspense } from 'react';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FeedbackCategory,
  FeedbackSeverity,
  FeedbackStatus,
} from '@internal/plugin-feedback-common';
import Chip from '@material-ui/core/Chip';

/** Readable labels of the shared categories. */
export const CATEGORY_LABELS: Record<FeedbackCategory, string> = {
  docs: 'Docs',
  'ci-cd': 'CI/CD',
  deployment: 'Deployment',
  provisioning: 'Provisioning',
  'local-development': 'Local development',
  tooling: 'Tooling',
  other: 'Other',
};

export const SEVERITY_LABELS: Record<FeedbackSeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  planned: 'Planned',
  'in-progress': 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
};

const STATUS_COLORS: Record<FeedbackStatus, string> = {
  new: '#1976d2',
  triaged: '#7b1fa2',
  planned: '#00838f',
  'in-progress': '#ef6c00',
  shipped: '#2e7d32',
  declined: '#757575',
};

export function StatusChip(props: { status: FeedbackStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status] ?? props.status}
      style={{
        backgroundColor: STATUS_COLORS[props.status],
        color: '#fff',
      }}
    />
  );
}

/** A report's title: the first line of its text, at most 120 characters. */
export function reportTitle(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0].trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The first 8 characters of a report id. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** The HTTP status of an error from the FeedbackClient, if any. */
export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof ResponseError) {
    return error.statusCode;
  }
  const code = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The message to show for a failed call: the backend's own message (e.g. the
 * zod validation message of a 400) when there is one.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.cause?.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * EntityRefLink in its own Suspense boundary: it may suspend (translations,
 * entity presentation) and should not blank the surrounding view meanwhile.
 */
export function EntityLink(props: { entityRef: string; defaultKind?: string }) {
  return (
    <Suspense fallback={<span>{props.entityRef}</span>}>
      <EntityRefLink
        entityRef={props.entityRef}
        defaultKind={props.defaultKind}
      />
    </Suspense>
  );
}
