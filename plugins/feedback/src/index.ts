/**
 * Frontend of the feedback loop: report friction about catalog entities, the
 * platform backlog and what shipped.
 *
 * @packageDocumentation
 */
export { feedbackPlugin as default } from './plugin';
export {
  ReportFrictionDialog,
  type ReportFrictionDialogProps,
} from './components/ReportFrictionDialog';
export { rootRouteRef as feedbackRootRouteRef } from './routes';
