import { useCallback, useEffect, useState } from 'react';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  FINAL_STATUSES,
  FeedbackReport,
  FeedbackStatus,
} from '@internal/plugin-feedback-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useSearchParams } from 'react-router-dom';
import { ListReportsOptions, feedbackApiRef } from '../../api';
import { ReportsTable } from '../ReportsTable';
import { EntityFilterPicker } from './EntityFilterPicker';
import { CATEGORY_LABELS, STATUS_LABELS, errorMessage } from '../shared';

const FILTER_DEBOUNCE_MS = 300;

/** What a report may be about. */
const ENTITY_KINDS = ['Component', 'API', 'Resource', 'System'];

type FilterKey =
  | 'status'
  | 'category'
  | 'entityRef'
  | 'ownerRef'
  | 'reporterTeamRef';

const FILTER_KEYS: FilterKey[] = [
  'status',
  'category',
  'entityRef',
  'ownerRef',
  'reporterTeamRef',
];

/** What the backlog shows unless the URL says otherwise. */
export const OPEN_STATUSES = FEEDBACK_STATUSES.filter(
  s => !FINAL_STATUSES.includes(s),
);
/** `?status=all`: every report, whatever its status. */
const ALL = 'all';

/** The statuses to list for the URL's `status` (open ones by default). */
export function statusesOf(param: string | null): FeedbackStatus[] | undefined {
  if (param === ALL) return undefined;
  const status = FEEDBACK_STATUSES.find(s => s === param);
  return status ? [status] : OPEN_STATUSES;
}

/** Each status's next page; undefined once it has none. */
type Cursors = Partial<Record<FeedbackStatus | typeof ALL, string>>;

function readFilters(params: URLSearchParams): ListReportsOptions {
  const get = (key: FilterKey) => params.get(key)?.trim() || undefined;
  return {
    category: get('category') as ListReportsOptions['category'],
    entityRef: get('entityRef'),
    ownerRef: get('ownerRef'),
    reporterTeamRef: get('reporterTeamRef'),
  };
}

/** All reports, by impact, filtered by the query params. */
export function BacklogView() {
  const feedbackApi = useApi(feedbackApiRef);
  const alertApi = useApi(alertApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const filterParams = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = searchParams.get(key);
    if (value) {
      filterParams.set(key, value);
    }
  }
  // A stable string, so that the list reloads only when a filter changes.
  const filterKey = filterParams.toString();

  const [items, setItems] = useState<FeedbackReport[]>([]);
  const [cursors, setCursors] = useState<Cursors>({});
  const nextCursor = Object.values(cursors).some(Boolean);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();

  const load = useCallback(
    async (more?: Cursors) => {
      setLoading(true);
      setError(undefined);
      try {
        const params = new URLSearchParams(filterKey);
        const filters = readFilters(params);
        // One request per status (the open ones by default), merged by
        // impact; "Load more" asks each for its next page.
        const statuses = statusesOf(params.get('status'));
        const keys: Array<FeedbackStatus | typeof ALL> = statuses ?? [ALL];
        const wanted = more ? keys.filter(k => more[k]) : keys;
        const pages = await Promise.all(
          wanted.map(key =>
            feedbackApi.listReports({
              ...filters,
              status: key === ALL ? undefined : key,
              cursor: more?.[key],
            }),
          ),
        );
        const next: Cursors = {};
        wanted.forEach((key, i) => {
          next[key] = pages[i].nextCursor;
        });
        const loaded = pages.flatMap(page => page.items);
        setItems(prev => {
          const byId = new Map(
            [...(more ? prev : []), ...loaded].map(r => [r.id, r]),
          );
          return [...byId.values()].sort(
            (a, b) =>
              b.impact - a.impact || b.createdAt.localeCompare(a.createdAt),
          );
        });
        setCursors(prev => (more ? { ...prev, ...next } : next));
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [feedbackApi, filterKey],
  );

  useEffect(() => {
    const timer = setTimeout(() => load(), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [load]);

  const setFilter = (key: FilterKey, value: string) => {
    setSearchParams(
      prev => {
        const next = new URLSearchParams(prev);
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  const onMeToo = async (report: FeedbackReport) => {
    try {
      const updated = await feedbackApi.meToo(report.id);
      setItems(prev => prev.map(r => (r.id === updated.id ? updated : r)));
      alertApi.post({
        message: 'Thanks, your "me too" was added',
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({ message: errorMessage(e), severity: 'error' });
    }
  };

  const picker = (key: FilterKey, label: string, kinds: string[]) => (
    <EntityFilterPicker
      label={label}
      kinds={kinds}
      value={searchParams.get(key) ?? undefined}
      onChange={ref => setFilter(key, ref ?? '')}
    />
  );

  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mb={2}>
        <TextField
          select
          label="Status"
          value={searchParams.get('status') ?? ''}
          onChange={e => setFilter('status', e.target.value)}
          SelectProps={{ native: true }}
          inputProps={{ 'aria-label': 'Status' }}
          InputLabelProps={{ shrink: true }}
          size="small"
          variant="outlined"
        >
          <option value="">Open (new to in progress)</option>
          <option value={ALL}>All</option>
          {FEEDBACK_STATUSES.map(s => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </TextField>
        <TextField
          select
          label="Category"
          value={searchParams.get('category') ?? ''}
          onChange={e => setFilter('category', e.target.value)}
          SelectProps={{ native: true }}
          inputProps={{ 'aria-label': 'Category' }}
          InputLabelProps={{ shrink: true }}
          size="small"
          variant="outlined"
        >
          <option value="">All</option>
          {FEEDBACK_CATEGORIES.map(c => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </TextField>
        {picker('entityRef', 'Entity', ENTITY_KINDS)}
        {picker('ownerRef', 'Owning team', ['Group'])}
        {picker('reporterTeamRef', 'Reporter team', ['Group'])}
      </Box>
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <ReportsTable
          title="Reports by impact"
          reports={items}
          loading={loading && items.length === 0}
          showEntity
          onMeToo={onMeToo}
          onMoved={() => load()}
          emptyContent={
            <EmptyState
              missing="data"
              title="No reports"
              description="No report matches these filters."
            />
          }
        />
      )}
      {nextCursor && (
        <Box mt={2} display="flex" justifyContent="center">
          <Button
            variant="outlined"
            disabled={loading}
            onClick={() => load(cursors)}
          >
            Load more
          </Button>
        </Box>
      )}
    </>
  );
}
